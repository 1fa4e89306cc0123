//! Covers and photos uploaded by staff only, checked by their content, resized and served; a member's
//! photo on the public page.

use super::*;

fn multipart(field: &str, filename: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    multipart_parts(&[(field, Some(filename), bytes)])
}

/// A multipart body of `parts` (name, file name for a file, bytes) and its content type.
pub(super) fn multipart_parts(parts: &[(&str, Option<&str>, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "crowd-test-boundary";
    let mut body = Vec::new();
    for (field, filename, bytes) in parts {
        let head = match filename {
            Some(file) => format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file}\"\r\n\
                 Content-Type: image/png\r\n\r\n"
            ),
            None => {
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"\r\n\r\n")
            }
        };
        body.extend_from_slice(head.as_bytes());
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// Posts `bytes` as the file field of `path`'s form (`…/cover` or `…/photo`).
async fn upload(
    site: &Site,
    path: &str,
    cookie: Option<&str>,
    filename: &str,
    bytes: &[u8],
) -> Reply {
    let field = if path.ends_with("/photo") {
        "photo"
    } else {
        "cover"
    };
    post_multipart(site, path, cookie, multipart(field, filename, bytes)).await
}

/// Posts a multipart `form` (its content type and body) to `path`, as a browser's form does.
pub(super) async fn post_multipart(
    site: &Site,
    path: &str,
    cookie: Option<&str>,
    (content_type, body): (String, Vec<u8>),
) -> Reply {
    let mut request = Request::post(path)
        .header(header::HOST, HOST)
        .header(header::ORIGIN, format!("http://{HOST}"))
        .header(header::CONTENT_TYPE, content_type);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    site.send(request.body(Body::from(body)).unwrap()).await
}

/// A project, its cover's and its first commission member's photo's upload paths, and a 1800×900 PNG:
/// the site, the project, the member, both paths and the picture.
async fn uploads_of_a_project() -> (Site, i64, i64, String, String, Vec<u8>) {
    let site = site().await;
    let project = open_project(&site.d, "parks").await;
    let png = png(1800, 900);
    let cover = format!("/staff/projects/{project}/cover");
    let member = domain::staff::workspace(&site.d, project)
        .await
        .unwrap()
        .commission[0]
        .id;
    let photo = format!("/staff/members/{member}/photo");
    (site, project, member, cover, photo, png)
}

#[tokio::test]
async fn only_staff_upload_covers_and_photos() {
    let (site, _, _, cover, photo, png) = uploads_of_a_project().await;
    for path in [&cover, &photo] {
        assert_eq!(
            upload(&site, path, None, "a.png", &png).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    for role in [Role::Resident, Role::Moderator, Role::Expert] {
        let name = role.as_str();
        user(&site.d, name, role).await;
        let cookie = site
            .login(&format!("{name}@example.org"), &format!("password-{name}"))
            .await;
        for path in [&cover, &photo] {
            let reply = upload(&site, path, Some(&cookie), "a.png", &png).await;
            assert_eq!(
                reply.status,
                StatusCode::FORBIDDEN,
                "{name} may not post {path}"
            );
        }
    }
}

#[tokio::test]
async fn covers_are_checked_by_content_resized_and_served() {
    let (site, project, _, cover, _, png) = uploads_of_a_project().await;
    let staff = olga(&site).await;
    let fake = upload(
        &site,
        &cover,
        Some(&staff),
        "cover.png",
        b"<svg onload=alert(1)></svg>",
    )
    .await;
    assert_eq!(fake.status, StatusCode::SEE_OTHER);
    assert!(
        fake.headers[header::LOCATION]
            .to_str()
            .unwrap()
            .contains("cover_error=not_image")
    );
    let editor = site
        .get(
            fake.headers[header::LOCATION].to_str().unwrap(),
            Some(&staff),
        )
        .await;
    assert!(
        editor
            .body
            .contains(app::i18n::texts_of(app::i18n::Lang::Ru).err_not_image),
        "the message stands by the field"
    );
    assert_eq!(
        domain::staff::workspace(&site.d, project)
            .await
            .unwrap()
            .row
            .cover,
        None
    );

    let saved = upload(&site, &cover, Some(&staff), "photo.png", &png).await;
    assert!(
        saved.headers[header::LOCATION]
            .to_str()
            .unwrap()
            .contains("cover=saved")
    );
    let path = domain::staff::workspace(&site.d, project)
        .await
        .unwrap()
        .row
        .cover
        .unwrap();
    let served = site.get(&path, None).await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(
        served.headers[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    let page = site.get("/projects/parks", None).await;
    assert!(
        page.body.contains(&format!("src=\"{path}\"")),
        "the cover is on the page"
    );
    assert!(
        page.body.contains(&format!(
            "property=\"og:image\" content=\"https://crowd.example.org{path}\""
        )),
        "shared links get the cover as an absolute URL under the public address"
    );
    let stored = std::fs::read(site.data_dir.join(path.trim_start_matches('/'))).unwrap();
    let back = image::load_from_memory(&stored).unwrap();
    assert_eq!(
        (back.width(), back.height()),
        (1200, 600),
        "resized once on upload"
    );
}

#[tokio::test]
async fn a_members_photo_is_checked_and_shown_on_the_public_page() {
    let (site, _, member, _, photo, png) = uploads_of_a_project().await;
    let staff = olga(&site).await;
    // A commission member's photo: same checks, its message at its own field, shown on the public page.
    let fake = upload(&site, &photo, Some(&staff), "me.png", b"GIF89a").await;
    let location = fake.headers[header::LOCATION].to_str().unwrap();
    assert!(
        location.ends_with(&format!(
            "?member={member}&photo_error=not_image#member-{member}"
        )),
        "{location}"
    );
    let saved = upload(&site, &photo, Some(&staff), "me.png", &png).await;
    let location = saved.headers[header::LOCATION].to_str().unwrap();
    assert!(location.contains("photo=saved"), "{location}");
    let page = site.get("/projects/parks", None).await;
    assert!(
        page.body.contains("member-photo") && page.body.contains("src=\"/uploads/photos/member-"),
        "the photo is on the public page"
    );
    assert_eq!(
        upload(
            &site,
            "/staff/members/999/photo",
            Some(&staff),
            "me.png",
            &png
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
}

pub(super) fn png(width: u32, height: u32) -> Vec<u8> {
    let picture =
        image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(width, height, |x, _| {
            image::Rgb([(x % 256) as u8, 90, 160])
        }));
    let mut png = std::io::Cursor::new(Vec::new());
    picture.write_to(&mut png, image::ImageFormat::Png).unwrap();
    png.into_inner()
}
