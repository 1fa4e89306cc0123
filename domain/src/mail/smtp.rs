//! Talking to an SMTP relay: one conversation per message, and RFC 2047 encoded words for headers.

use base64::Engine;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// One SMTP conversation: EHLO, AUTH PLAIN if given, MAIL, RCPT, DATA, QUIT.
pub(super) async fn smtp(
    address: &str,
    credentials: Option<&(String, String)>,
    from: &str,
    to: &str,
    text: &str,
) -> std::io::Result<()> {
    let stream = tokio::net::TcpStream::connect(address).await?;
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    async fn expect(
        read: &mut BufReader<tokio::net::tcp::OwnedReadHalf>,
        code: &str,
    ) -> std::io::Result<()> {
        loop {
            let mut line = String::new();
            if read.read_line(&mut line).await? == 0 {
                return Err(std::io::Error::other("connection closed"));
            }
            if !line.starts_with(code) {
                return Err(std::io::Error::other(format!(
                    "expected {code}, got {}",
                    line.trim()
                )));
            }
            // "250-..." continues, "250 ..." ends the reply.
            if line.as_bytes().get(3) != Some(&b'-') {
                return Ok(());
            }
        }
    }
    expect(&mut read, "220").await?;
    write.write_all(b"EHLO crowd\r\n").await?;
    expect(&mut read, "250").await?;
    if let Some((user, password)) = credentials {
        let token =
            base64::engine::general_purpose::STANDARD.encode(format!("\0{user}\0{password}"));
        write
            .write_all(format!("AUTH PLAIN {token}\r\n").as_bytes())
            .await?;
        expect(&mut read, "235").await?;
    }
    write
        .write_all(format!("MAIL FROM:<{from}>\r\n").as_bytes())
        .await?;
    expect(&mut read, "250").await?;
    write
        .write_all(format!("RCPT TO:<{to}>\r\n").as_bytes())
        .await?;
    expect(&mut read, "250").await?;
    write.write_all(b"DATA\r\n").await?;
    expect(&mut read, "354").await?;
    // Dot-stuffing: a line starting with "." gets another.
    let body = text.replace("\r\n.", "\r\n..");
    write.write_all(body.as_bytes()).await?;
    write.write_all(b"\r\n.\r\n").await?;
    expect(&mut read, "250").await?;
    write.write_all(b"QUIT\r\n").await?;
    Ok(())
}

/// `text` as RFC 2047 encoded words of at most 75 characters each (base64 of whole UTF-8 characters),
/// folded onto continuation lines, as a header field's value.
pub(super) fn encoded_words(text: &str) -> String {
    // `=?UTF-8?B?` and `?=` leave 63 characters of base64: 15 groups of 4, that is 45 bytes.
    const BYTES: usize = 45;
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in text.chars() {
        if chunk.len() + c.len_utf8() > BYTES {
            words.push(std::mem::take(&mut chunk));
        }
        chunk.push(c);
    }
    if !chunk.is_empty() || words.is_empty() {
        words.push(chunk);
    }
    words
        .iter()
        .map(|w| {
            let encoded = base64::engine::general_purpose::STANDARD.encode(w.as_bytes());
            format!("=?UTF-8?B?{encoded}?=")
        })
        .collect::<Vec<_>>()
        .join("\r\n ")
}
