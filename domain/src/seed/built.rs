//! The demo's implementation records: four ideas the commissions of the archived projects selected (two
//! done with photos, one planned, one cancelled with its reason), and a winner of the finished budget vote
//! (in progress), each with a record kept through
//! [`crate::implementation`]'s own functions (so the trail and the followers' bells are as real use leaves
//! them). The photos are drawn here, a picture per report, and stored as any staff upload is.

use crate::auth::User;
use crate::entities::{idea, project, user};
use crate::implementation::{self, RecordInput};
use crate::{Domain, Error, Result};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::path::Path;
use wire::{IdeaStatus, ImplStatus};

/// What happens to one demo idea: department, final status and percent, milestones (title, due
/// `YYYY-MM-DD`, reached on), reports (text, with a photo or not), the reason of a cancellation.
struct Story {
    department: &'static str,
    status: ImplStatus,
    percent: i32,
    milestones: &'static [(&'static str, &'static str, Option<&'static str>)],
    reports: &'static [(&'static str, bool)],
    reason: &'static str,
}

const STORIES: [Story; 5] = [
    Story {
        department: "Департамент культуры города Москвы",
        status: ImplStatus::Done,
        percent: 100,
        milestones: &[
            ("Техническое задание", "2021-02-01", Some("2021-01-28")),
            ("Запуск сервиса", "2021-09-01", Some("2021-08-30")),
        ],
        reports: &[
            (
                "Техническое задание утверждено, подрядчик выбран по конкурсу.",
                false,
            ),
            (
                "Сервис запущен и доступен всем жителям. Спасибо автору идеи!",
                true,
            ),
        ],
        reason: "",
    },
    Story {
        department: "Департамент информационных технологий",
        status: ImplStatus::Done,
        percent: 100,
        milestones: &[("Пилот в двух округах", "2021-05-01", Some("2021-04-20"))],
        reports: &[(
            "Пилот прошёл успешно, сервис работает во всех округах.",
            true,
        )],
        reason: "",
    },
    Story {
        department: "Департамент транспорта",
        status: ImplStatus::Planned,
        percent: 0,
        milestones: &[("Обследование маршрута", "2027-04-15", None)],
        reports: &[],
        reason: "",
    },
    Story {
        department: "Департамент образования и науки",
        status: ImplStatus::Cancelled,
        percent: 20,
        milestones: &[],
        reports: &[],
        reason: "Участок передан под строительство школы; идею учтут в проекте школьного двора.",
    },
    Story {
        department: "Мосгорпарк",
        status: ImplStatus::InProgress,
        percent: 60,
        milestones: &[
            ("Проект благоустройства", "2026-03-01", Some("2026-02-25")),
            ("Работы на площадке", "2027-06-01", None),
        ],
        reports: &[(
            "Проект согласован с жителями, подрядчик вышел на площадку.",
            true,
        )],
        reason: "",
    },
];

/// A demo report's photo: a park scene drawn from `seed` (sky, sun, trees, a bench), as PNG.
fn photo(seed: u32) -> Result<Vec<u8>> {
    let (w, h) = (960u32, 540u32);
    let hue = (seed * 37 % 60) as u8;
    let picture = image::RgbImage::from_fn(w, h, |x, y| {
        let sun = (x as i64 - 760).pow(2) + (y as i64 - 110).pow(2) < 55 * 55;
        let tree = |cx: i64| (x as i64 - cx).pow(2) + (y as i64 - 300).pow(2) < 70 * 70;
        let trunk = |cx: i64| (x as i64 - cx).abs() < 10 && (300..400).contains(&y);
        let bench = (380..600).contains(&x) && ((380..392).contains(&y) || (400..412).contains(&y));
        let legs =
            ((392..440).contains(&y)) && ((395..405).contains(&x) || (575..585).contains(&x));
        if sun {
            image::Rgb([255, 214, 90])
        } else if bench || legs {
            image::Rgb([120, 72, 40])
        } else if [200, 820].iter().any(|c| trunk(*c)) {
            image::Rgb([95, 60, 30])
        } else if [200, 820].iter().any(|c| tree(*c)) {
            image::Rgb([40, 120 + hue, 60])
        } else if y > 400 {
            image::Rgb([70, 150 + hue / 2, 70])
        } else {
            let t = (y * 120 / 400) as u8;
            image::Rgb([110 + t / 2, 170 + t / 3, 235])
        }
    });
    let mut out = std::io::Cursor::new(Vec::new());
    picture
        .write_to(&mut out, image::ImageFormat::Png)
        .map_err(|e| Error::Internal(format!("drawing a demo photo: {e}")))?;
    Ok(out.into_inner())
}

/// Keeps the demo's records; returns how many. Needs the demo data ([`super::demo`]) and its staff
/// account; photos go under `data_dir` as uploads do.
pub async fn load(d: &Domain, data_dir: &Path, progress: &dyn Fn(&str)) -> Result<u64> {
    let staff_row = user::Entity::find()
        .filter(user::Column::Email.eq(super::STAFF[0].0))
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?;
    let staff = User::try_from(staff_row)?;
    let archived: Vec<i64> = project::Entity::find()
        .filter(project::Column::State.eq(wire::ProjectState::Archived.as_str()))
        .all(&d.db)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    let mut ideas: Vec<i64> = idea::Entity::find()
        .filter(idea::Column::ProjectId.is_in(archived))
        .filter(idea::Column::Status.eq(IdeaStatus::Selected.as_str()))
        .order_by_asc(idea::Column::Id)
        .all(&d.db)
        .await?
        .into_iter()
        .map(|i| i.id)
        .take(STORIES.len() - 1)
        .collect();
    if let Some(budget) = project::Entity::find()
        .filter(project::Column::Slug.eq(super::votes::FINISHED))
        .one(&d.db)
        .await?
    {
        let winners = crate::vote::winners(&d.db, budget.id, d.now()).await?;
        ideas.extend(winners.first());
    }
    let mut kept = 0;
    for (n, (idea_id, story)) in ideas.iter().zip(STORIES.iter()).enumerate() {
        progress(&format!("implementation record {}/{}", n + 1, ideas.len()));
        tell(d, &staff, *idea_id, story, data_dir, n).await?;
        kept += 1;
    }
    Ok(kept)
}

/// Keeps the record of `idea_id` as `story` says, change after change.
async fn tell(
    d: &Domain,
    staff: &User,
    idea_id: i64,
    story: &Story,
    data_dir: &Path,
    n: usize,
) -> Result<()> {
    let record = |status, percent, reason: &str| RecordInput {
        department: story.department.to_owned(),
        status,
        reason: reason.to_owned(),
        percent,
    };
    implementation::save(d, staff, idea_id, &record(ImplStatus::Planned, 0, "")).await?;
    if story.status != ImplStatus::Planned {
        let under_way = record(ImplStatus::InProgress, story.percent.min(50), "");
        implementation::save(d, staff, idea_id, &under_way).await?;
    }
    for (title, due, reached) in story.milestones {
        let id = implementation::add_milestone(d, staff, idea_id, title, due).await?;
        if let Some(on) = reached {
            implementation::reach_milestone(d, staff, id, on).await?;
        }
    }
    for (i, (text, with_photo)) in story.reports.iter().enumerate() {
        let picture = if *with_photo {
            photo(u32::try_from(n * 3 + i).unwrap_or(0))?
        } else {
            Vec::new()
        };
        implementation::report(d, staff, idea_id, text, picture, data_dir).await?;
    }
    let last = record(story.status, story.percent, story.reason);
    implementation::save(d, staff, idea_id, &last).await?;
    Ok(())
}
