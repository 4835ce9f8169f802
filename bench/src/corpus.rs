//! A deterministic corpus of realistic Telegram API objects, as Telegram sends them.
//!
//! Every value is built with `tlgen_types` from a seeded [`SplitMix64`] and serialized with our
//! encoder (which the differential tests check against grammers, byte for byte). The corpus
//! mixes the shapes a client decodes all day:
//!
//! - history pages: `messages.messages` and `messages.channelMessages` with 20–100 messages
//!   (entities, photos, documents, web pages, reply headers, reactions, views/forwards,
//!   comment threads, forwards, albums, a few service messages) plus their `users` and `chats`;
//! - update batches: `updates` and `updatesCombined` with new/edited messages, read
//!   receipts, user statuses, typing, deletions, views and reactions;
//! - a boxed `Vector<User>` (as `users.getUsers` returns);
//! - short updates: `updateShortMessage` and `updateShortChatMessage`.
//!
//! Strings have realistic lengths (10–300 bytes, some longer than 253 so they take the long
//! length prefix), and mix ASCII, Cyrillic, CJK and emoji (multi-byte UTF-8). Entity offsets
//! and lengths are in UTF-16 code units, as Telegram's are.

use tlgen_runtime::Serializable;
use tlgen_test_support::SplitMix64;
use tlgen_types::{enums, types};

/// The seed of the corpus; changing it changes every byte.
pub const SEED: u64 = 0x7e1e_6a4d_b3c5_2301;

/// Which languages the corpus text is written in; the objects around the text (kinds,
/// counts, media, ids) follow the same distributions with either mix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextMix {
    /// The corpus of [`corpus`]: 60 % of texts English, 20 % Russian, 10 % Chinese/Japanese,
    /// 10 % mixed (English, Russian, CJK and emoji words); an emoji after 6 % of words.
    Default,
    /// Mostly non-ASCII, as in Russian-, Persian- and Chinese-speaking chats: 30 % of texts
    /// Russian, 20 % Persian, 20 % Chinese/Japanese, 20 % mixed (Russian, Persian, CJK and
    /// emoji words), 10 % English; an emoji after 25 % of words; users' names in Cyrillic,
    /// Persian or Chinese script.
    NonAscii,
}

/// What a sample is, and so the static type it decodes as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// `messages.messages`, decoded as `messages.Messages`.
    MessagesPage,
    /// `messages.channelMessages`, decoded as `messages.Messages`.
    ChannelMessagesPage,
    /// `updates`, decoded as `Updates`.
    Updates,
    /// `updatesCombined`, decoded as `Updates`.
    UpdatesCombined,
    /// A boxed `Vector<User>`, decoded as `Vec<User>`.
    UserVector,
    /// `updateShortMessage`, decoded as `Updates`.
    ShortMessage,
    /// `updateShortChatMessage`, decoded as `Updates`.
    ShortChatMessage,
}

impl Kind {
    /// Every kind, in report order.
    pub const ALL: [Kind; 7] = [
        Kind::MessagesPage,
        Kind::ChannelMessagesPage,
        Kind::Updates,
        Kind::UpdatesCombined,
        Kind::UserVector,
        Kind::ShortMessage,
        Kind::ShortChatMessage,
    ];

    /// The TL constructor (or vector) the samples of this kind hold.
    pub fn constructor(self) -> &'static str {
        match self {
            Kind::MessagesPage => "messages.messages",
            Kind::ChannelMessagesPage => "messages.channelMessages",
            Kind::Updates => "updates",
            Kind::UpdatesCombined => "updatesCombined",
            Kind::UserVector => "Vector<User>",
            Kind::ShortMessage => "updateShortMessage",
            Kind::ShortChatMessage => "updateShortChatMessage",
        }
    }

    /// The TL type the samples are decoded as.
    pub fn tl_type(self) -> &'static str {
        match self {
            Kind::MessagesPage | Kind::ChannelMessagesPage => "messages.Messages",
            Kind::Updates | Kind::UpdatesCombined | Kind::ShortMessage | Kind::ShortChatMessage => {
                "Updates"
            }
            Kind::UserVector => "Vector<User>",
        }
    }
}

/// One encoded object of the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sample {
    /// The TL constructor of the top-level value (see [`Kind::constructor`]).
    pub name: &'static str,
    /// What the sample is, and so its static type.
    pub kind: Kind,
    /// The boxed encoding.
    pub bytes: Vec<u8>,
}

/// How many samples of each kind [`corpus`] makes.
const COUNTS: [(Kind, usize); 7] = [
    (Kind::MessagesPage, 14),
    (Kind::ChannelMessagesPage, 14),
    (Kind::Updates, 40),
    (Kind::UpdatesCombined, 10),
    (Kind::UserVector, 6),
    (Kind::ShortMessage, 120),
    (Kind::ShortChatMessage, 120),
];

/// The corpus: the same bytes on every call and every machine (324 samples, 1,732,480 bytes).
///
/// Samples of different kinds are interleaved, as they would arrive on a connection.
pub fn corpus() -> Vec<Sample> {
    corpus_with(TextMix::Default)
}

/// The corpus generated with the text mix `mix` (from the same seed, with the same kinds and
/// counts of samples); `corpus_with(TextMix::Default)` is [`corpus`].
pub fn corpus_with(mix: TextMix) -> Vec<Sample> {
    let mut g = Gen::new(SEED, mix);
    let mut remaining = COUNTS;
    let mut samples = Vec::new();
    loop {
        let mut any = false;
        for (kind, left) in &mut remaining {
            if *left == 0 {
                continue;
            }
            // Short updates come in runs, the big objects one at a time.
            let run = match kind {
                Kind::ShortMessage | Kind::ShortChatMessage => 4,
                _ => 1,
            };
            for _ in 0..run.min(*left) {
                samples.push(g.sample(*kind));
                *left -= 1;
            }
            any = true;
        }
        if !any {
            return samples;
        }
    }
}

/// Totals of a set of samples.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Number of samples.
    pub count: usize,
    /// Total encoded size in bytes.
    pub bytes: usize,
    /// Smallest sample.
    pub min: usize,
    /// Largest sample.
    pub max: usize,
}

/// [`Stats`] of the samples of `kind` (or of all samples with `None`).
pub fn stats(samples: &[Sample], kind: Option<Kind>) -> Stats {
    let mut s = Stats {
        min: usize::MAX,
        ..Stats::default()
    };
    for sample in samples.iter().filter(|x| kind.is_none_or(|k| x.kind == k)) {
        s.count += 1;
        s.bytes += sample.bytes.len();
        s.min = s.min.min(sample.bytes.len());
        s.max = s.max.max(sample.bytes.len());
    }
    if s.count == 0 {
        s.min = 0;
    }
    s
}

// ---------------------------------------------------------------------------------------------
// Text.

const EN: &[&str] = &[
    "the",
    "and",
    "release",
    "server",
    "update",
    "meeting",
    "tomorrow",
    "photo",
    "link",
    "channel",
    "today",
    "thanks",
    "great",
    "build",
    "review",
    "deploy",
    "weekend",
    "coffee",
    "ticket",
    "schedule",
    "budget",
    "please",
    "check",
    "this",
    "out",
    "new",
    "version",
    "is",
    "available",
    "we",
    "are",
    "going",
    "to",
    "the",
    "office",
    "at",
    "noon",
    "did",
    "you",
    "see",
    "message",
    "about",
    "migration",
    "database",
    "latency",
    "dashboard",
    "looks",
    "good",
    "to",
    "me",
    "merged",
    "tests",
    "passing",
    "again",
    "sorry",
    "late",
    "train",
    "delayed",
    "morning",
    "everyone",
    "happy",
    "birthday",
    "congrats",
    "team",
    "announcement",
    "subscribe",
    "read",
    "more",
    "breaking",
    "news",
    "market",
    "prices",
    "weather",
    "forecast",
    "rain",
    "sunny",
    "football",
    "match",
    "score",
    "tonight",
];
const RU: &[&str] = &[
    "привет",
    "сегодня",
    "завтра",
    "встреча",
    "спасибо",
    "новости",
    "канал",
    "фото",
    "проект",
    "релиз",
    "сервер",
    "обновление",
    "посмотрите",
    "пожалуйста",
    "отлично",
    "вечером",
    "работа",
    "команда",
    "подписывайтесь",
    "погода",
    "дождь",
    "цены",
    "рынок",
    "важно",
    "читать",
    "далее",
    "и",
    "в",
    "на",
    "не",
    "что",
    "это",
    "как",
    "все",
];
const CJK: &[&str] = &[
    "你好",
    "今天",
    "明天",
    "会议",
    "谢谢",
    "新闻",
    "频道",
    "照片",
    "更新",
    "服务器",
    "版本",
    "发布",
    "天气",
    "下雨",
    "こんにちは",
    "ありがとう",
    "ニュース",
    "写真",
    "今日",
];
const FA: &[&str] = &[
    "سلام",
    "امروز",
    "فردا",
    "جلسه",
    "ممنون",
    "اخبار",
    "کانال",
    "عکس",
    "پروژه",
    "سرور",
    "به‌روزرسانی",
    "لطفا",
    "عالی",
    "شب",
    "کار",
    "تیم",
    "هوا",
    "باران",
    "قیمت",
    "بازار",
    "مهم",
    "بیشتر",
    "و",
    "در",
    "به",
    "از",
    "که",
    "این",
    "را",
    "با",
];
const EMOJI: &[&str] = &[
    "😀", "👍", "🔥", "🎉", "❤️", "😂", "🙏", "🚀", "✅", "👀", "💯", "🤔", "😍", "🥳",
];
const FIRST: &[&str] = &[
    "Alice",
    "Bob",
    "Carol",
    "Dmitry",
    "Elena",
    "Farid",
    "Grace",
    "Hiro",
    "Ivan",
    "Julia",
    "Kenji",
    "Leila",
    "Marco",
    "Nadia",
    "Oleg",
    "Priya",
    "Quentin",
    "Rosa",
    "Sergey",
    "Tanya",
    "Umar",
    "Viktor",
    "Wei",
    "Yuki",
    "Zoe",
    "Анна",
    "Борис",
    "Мария",
    "Ольга",
    "Павел",
    "Светлана",
    "明",
    "美咲",
    "Ahmed",
    "Sofía",
    "José",
    "Zoë",
    "Björn",
];
/// First names of [`TextMix::NonAscii`] users.
const FIRST_NON_ASCII: &[&str] = &[
    "Анна",
    "Борис",
    "Мария",
    "Ольга",
    "Павел",
    "Светлана",
    "Дмитрий",
    "Екатерина",
    "علی",
    "زهرا",
    "محمد",
    "فاطمه",
    "رضا",
    "مریم",
    "明",
    "美咲",
    "伟",
    "芳",
    "ひろし",
    "Alex",
];
/// Last names of [`TextMix::NonAscii`] users.
const LAST_NON_ASCII: &[&str] = &[
    "Смирнов",
    "Кузнецова",
    "Попов",
    "Соколова",
    "Иванов",
    "احمدی",
    "حسینی",
    "رضایی",
    "王",
    "李",
    "张",
    "田中",
    "🌸",
];
const LAST: &[&str] = &[
    "Smith",
    "Johnson",
    "Petrov",
    "Ivanova",
    "Tanaka",
    "Müller",
    "García",
    "Rossi",
    "Kowalski",
    "Nguyen",
    "Kim",
    "Sato",
    "Смирнов",
    "Кузнецова",
    "Попов",
    "王",
    "李",
    "O'Brien",
    "Dubois",
    "Silva",
    "Haddad",
    "Novak",
];
const SITES: &[&str] = &[
    "github.com",
    "example.com",
    "news.ycombinator.com",
    "www.youtube.com",
    "t.me",
    "en.wikipedia.org",
    "docs.rs",
    "habr.com",
    "medium.com",
    "www.bbc.co.uk",
];
const REACTIONS: &[&str] = &["👍", "❤", "🔥", "🎉", "😁", "🤔", "👎", "😢", "🙏", "👏"];
const LANGS: &[&str] = &["en", "ru", "de", "es", "pt-br", "uk", "ja", "zh-hans", "fa"];
const MIME: &[(&str, &str)] = &[
    ("application/pdf", "pdf"),
    ("application/zip", "zip"),
    ("text/plain", "txt"),
    (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
    ("image/png", "png"),
];

/// A language for one text: which words and how often emoji appear.
#[derive(Clone, Copy)]
enum Lang {
    English,
    Russian,
    Persian,
    Cjk,
    Mixed,
}

/// A piece of message text with its entities (offsets in UTF-16 code units).
struct Text {
    text: String,
    utf16: i32,
    entities: Vec<enums::MessageEntity>,
}

impl Text {
    fn new() -> Self {
        Self {
            text: String::new(),
            utf16: 0,
            entities: Vec::new(),
        }
    }

    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.utf16 += s.encode_utf16().count() as i32;
    }

    /// Appends `s` covered by the entity `make(offset, length)`.
    fn push_entity(&mut self, s: &str, make: impl FnOnce(i32, i32) -> enums::MessageEntity) {
        let offset = self.utf16;
        self.push(s);
        self.entities.push(make(offset, self.utf16 - offset));
    }
}

// ---------------------------------------------------------------------------------------------
// The generator: a PRNG plus the world the objects live in (users, chats, clock, ids).

/// A user of the generated world.
#[derive(Clone)]
struct Person {
    id: i64,
    username: Option<String>,
    lang: u8,
}

struct Gen {
    rng: SplitMix64,
    mix: TextMix,
    now: i32,
    people: Vec<Person>,
    next_photo_id: i64,
}

impl Gen {
    fn new(seed: u64, mix: TextMix) -> Self {
        let mut rng = SplitMix64::new(seed);
        let people = (0..400)
            .map(|i| Person {
                id: 100_000_000 + i * 7919 + rng.range(0, 7000),
                username: rng
                    .chance(60)
                    .then(|| format!("{}_{}", rng.pick(EN), rng.range(1, 9999))),
                lang: rng.below(4) as u8,
            })
            .collect();
        Self {
            rng,
            mix,
            now: 1_735_689_600, // 2025-01-01
            people,
            next_photo_id: 5_100_000_000_000_000_000,
        }
    }

    fn sample(&mut self, kind: Kind) -> Sample {
        self.now += self.rng.int(30, 3600);
        let bytes = match kind {
            Kind::MessagesPage => self.messages_page().to_bytes(),
            Kind::ChannelMessagesPage => self.channel_messages_page().to_bytes(),
            Kind::Updates => self.updates().to_bytes(),
            Kind::UpdatesCombined => self.updates_combined().to_bytes(),
            Kind::UserVector => {
                let n = self.rng.size(20, 200);
                let users: Vec<enums::User> =
                    self.people_sample(n).iter().map(|p| self.user(p)).collect();
                users.to_bytes()
            }
            Kind::ShortMessage => self.short_message().to_bytes(),
            Kind::ShortChatMessage => self.short_chat_message().to_bytes(),
        };
        Sample {
            name: kind.constructor(),
            kind,
            bytes,
        }
    }

    // --- Small pieces ------------------------------------------------------------------------

    fn lang(&mut self) -> Lang {
        // One draw for either mix, so that the default corpus keeps its bytes.
        let draw = self.rng.below(10);
        match (self.mix, draw) {
            (TextMix::Default, 0..=5) | (TextMix::NonAscii, 9) => Lang::English,
            (TextMix::Default, 6 | 7) | (TextMix::NonAscii, 0..=2) => Lang::Russian,
            (TextMix::NonAscii, 3 | 4) => Lang::Persian,
            (TextMix::Default, 8) | (TextMix::NonAscii, 5 | 6) => Lang::Cjk,
            _ => Lang::Mixed,
        }
    }

    fn word(&mut self, lang: Lang) -> &'static str {
        let list = match (lang, self.mix) {
            (Lang::English, _) => EN,
            (Lang::Russian, _) => RU,
            (Lang::Persian, _) => FA,
            (Lang::Cjk, _) => CJK,
            (Lang::Mixed, TextMix::Default) => self.rng.pick(&[EN, RU, CJK, EMOJI]),
            (Lang::Mixed, TextMix::NonAscii) => self.rng.pick(&[RU, FA, CJK, EMOJI]),
        };
        self.rng.pick(list)
    }

    /// The chance (in percent) that an emoji follows a word of message text.
    fn emoji_percent(&self) -> u64 {
        match self.mix {
            TextMix::Default => 6,
            TextMix::NonAscii => 25,
        }
    }

    /// The lists users' first and last names are picked from.
    fn name_lists(&self) -> (&'static [&'static str], &'static [&'static str]) {
        match self.mix {
            TextMix::Default => (FIRST, LAST),
            TextMix::NonAscii => (FIRST_NON_ASCII, LAST_NON_ASCII),
        }
    }

    /// Plain words up to about `target` bytes.
    fn words(&mut self, lang: Lang, target: usize) -> String {
        let mut s = String::new();
        while s.len() < target {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(self.word(lang));
        }
        s
    }

    /// A message length in bytes: mostly short chat lines, some long posts (> 253).
    fn text_len(&mut self, long_posts: bool) -> usize {
        let long = if long_posts { 40 } else { 12 };
        match self.rng.below(100) {
            p if p < 45 => self.rng.size(10, 80),
            p if p < 100 - long => self.rng.size(80, 253),
            _ => self.rng.size(254, if long_posts { 1800 } else { 700 }),
        }
    }

    fn url(&mut self) -> String {
        let site = self.rng.pick(SITES);
        let path = {
            let n = self.rng.size(5, 40);
            self.words(Lang::English, n)
        }
        .replace(' ', "-");
        format!("https://{site}/{path}")
    }

    /// Message text with entities (bold, italic, links, mentions, hashtags, code, emoji…).
    fn rich_text(&mut self, target: usize, with_entities: bool) -> Text {
        let lang = self.lang();
        let mut t = Text::new();
        while t.text.len() < target {
            if !t.text.is_empty() {
                t.push(if self.rng.chance(8) { "\n" } else { " " });
            }
            if !with_entities || self.rng.chance(85) {
                let w = self.word(lang);
                t.push(w);
                if self.rng.chance(self.emoji_percent()) {
                    let e = self.rng.pick(EMOJI);
                    t.push(e);
                }
                continue;
            }
            match self.rng.below(11) {
                0 | 1 => {
                    let s = {
                        let n = self.rng.size(4, 24);
                        self.words(lang, n)
                    };
                    t.push_entity(&s, |offset, length| {
                        enums::MessageEntity::Bold(types::MessageEntityBold { offset, length })
                    });
                }
                2 => {
                    let s = {
                        let n = self.rng.size(4, 24);
                        self.words(lang, n)
                    };
                    t.push_entity(&s, |offset, length| {
                        enums::MessageEntity::Italic(types::MessageEntityItalic { offset, length })
                    });
                }
                3 => {
                    let s = self.url();
                    t.push_entity(&s, |offset, length| {
                        enums::MessageEntity::Url(types::MessageEntityUrl { offset, length })
                    });
                }
                4 => {
                    let url = self.url();
                    let s = {
                        let n = self.rng.size(4, 20);
                        self.words(lang, n)
                    };
                    t.push_entity(&s, |offset, length| {
                        enums::MessageEntity::TextUrl(types::MessageEntityTextUrl {
                            offset,
                            length,
                            url,
                        })
                    });
                }
                5 => {
                    let p = self.rng.pick_ref(&self.people).clone();
                    match p.username {
                        Some(name) => t.push_entity(&format!("@{name}"), |offset, length| {
                            enums::MessageEntity::Mention(types::MessageEntityMention {
                                offset,
                                length,
                            })
                        }),
                        None => {
                            let s = self.rng.pick(FIRST).to_string();
                            t.push_entity(&s, |offset, length| {
                                enums::MessageEntity::MentionName(types::MessageEntityMentionName {
                                    offset,
                                    length,
                                    user_id: p.id,
                                })
                            });
                        }
                    }
                }
                6 => {
                    let s = format!("#{}", self.word(Lang::English));
                    t.push_entity(&s, |offset, length| {
                        enums::MessageEntity::Hashtag(types::MessageEntityHashtag {
                            offset,
                            length,
                        })
                    });
                }
                7 => {
                    let s = format!("cargo {} --release", self.word(Lang::English));
                    t.push_entity(&s, |offset, length| {
                        enums::MessageEntity::Code(types::MessageEntityCode { offset, length })
                    });
                }
                8 => {
                    let s = "fn main() {\n    println!(\"hello\");\n}";
                    let language = self.rng.pick(&["rust", "python", ""]).to_string();
                    t.push_entity(s, |offset, length| {
                        enums::MessageEntity::Pre(types::MessageEntityPre {
                            offset,
                            length,
                            language,
                        })
                    });
                }
                9 => {
                    let s = self.rng.pick(EMOJI).to_string();
                    let document_id = 5_368_324_170_671_202_286 + self.rng.range(0, 1 << 20);
                    t.push_entity(&s, |offset, length| {
                        enums::MessageEntity::CustomEmoji(types::MessageEntityCustomEmoji {
                            offset,
                            length,
                            document_id,
                        })
                    });
                }
                _ => {
                    let s = {
                        let n = self.rng.size(4, 16);
                        self.words(lang, n)
                    };
                    t.push_entity(&s, |offset, length| {
                        enums::MessageEntity::Underline(types::MessageEntityUnderline {
                            offset,
                            length,
                        })
                    });
                }
            }
        }
        t
    }

    fn file_reference(&mut self) -> Vec<u8> {
        let mut r = vec![2];
        r.extend(self.rng.bytes(28));
        r
    }

    fn stripped(&mut self) -> Vec<u8> {
        // A stripped JPEG thumbnail: 0x01, w, h, then ~100–700 bytes of JPEG body.
        let mut b = vec![1, 40, 40];
        let n = self.rng.size(100, 700);
        b.extend(self.rng.bytes(n));
        b
    }

    fn photo_id(&mut self) -> i64 {
        self.next_photo_id += self.rng.range(1, 1 << 24);
        self.next_photo_id
    }

    fn dc(&mut self) -> i32 {
        self.rng.pick(&[1, 2, 2, 2, 4, 4, 5])
    }

    fn peer_user(id: i64) -> enums::Peer {
        enums::Peer::User(types::PeerUser { user_id: id })
    }

    fn people_sample(&mut self, n: usize) -> Vec<Person> {
        let start = self.rng.size(0, self.people.len() - 1);
        let step = self.rng.size(1, 7) * 2 + 1; // odd: walks through many distinct people
        (0..n.min(self.people.len()))
            .map(|i| self.people[(start + i * step) % self.people.len()].clone())
            .collect()
    }

    // --- Users and chats -----------------------------------------------------------------------

    fn user(&mut self, p: &Person) -> enums::User {
        let r = &mut self.rng;
        let bot = r.chance(6);
        let premium = r.chance(15);
        let restricted = r.chance(1);
        let lang = match p.lang {
            0 => Lang::English,
            1 => Lang::Russian,
            2 => Lang::Cjk,
            _ => Lang::Mixed,
        };
        let (first_names, last_names) = self.name_lists();
        let first_name = if bot {
            format!("{} Bot", self.words(Lang::English, 6))
        } else {
            self.rng.pick(first_names).to_string()
        };
        let r = &mut self.rng;
        let last_name = (!bot && r.chance(65)).then(|| r.pick(last_names).to_string());
        let contact = !bot && r.chance(25);
        let photo = r.chance(80).then(|| {
            let has_video = r.chance(5);
            let dc_id = r.pick(&[1, 2, 2, 4, 5]);
            enums::UserProfilePhoto::UserProfilePhoto(types::UserProfilePhoto {
                has_video,
                personal: false,
                photo_id: 0,
                stripped_thumb: None,
                dc_id,
            })
        });
        let photo = match photo {
            Some(enums::UserProfilePhoto::UserProfilePhoto(mut x)) => {
                x.photo_id = self.photo_id();
                x.stripped_thumb = self.rng.chance(70).then(|| self.stripped());
                Some(enums::UserProfilePhoto::UserProfilePhoto(x))
            }
            other => other,
        };
        let r = &mut self.rng;
        let status = if bot {
            None
        } else {
            Some(match r.below(4) {
                0 => enums::UserStatus::Online(types::UserStatusOnline {
                    expires: self.now + r.int(30, 300),
                }),
                1 | 2 => enums::UserStatus::Offline(types::UserStatusOffline {
                    was_online: self.now - r.int(60, 86_400 * 3),
                }),
                _ => enums::UserStatus::Recently(types::UserStatusRecently {
                    by_me: r.chance(10),
                }),
            })
        };
        let emoji_status = (premium && r.chance(50)).then(|| {
            enums::EmojiStatus::EmojiStatus(types::EmojiStatus {
                document_id: 5_000_000_000_000_000_000 + r.range(0, 1 << 40),
                until: r.chance(20).then(|| self.now + r.int(3600, 86_400 * 30)),
            })
        });
        let color = r.chance(30).then(|| {
            enums::PeerColor::PeerColor(types::PeerColor {
                color: Some(r.int(0, 20)),
                background_emoji_id: r
                    .chance(40)
                    .then(|| 5_300_000_000_000_000_000 + r.range(0, 1 << 30)),
            })
        });
        let restriction_reason = restricted.then(|| {
            vec![enums::RestrictionReason::RestrictionReason(
                types::RestrictionReason {
                    platform: "all".into(),
                    reason: "porn".into(),
                    text: "This account can't be displayed because it violated local laws.".into(),
                },
            )]
        });
        let usernames = (p.username.is_some() && premium && r.chance(20)).then(|| {
            let main = p.username.clone().unwrap_or_default();
            vec![
                enums::Username::Username(types::Username {
                    editable: true,
                    active: true,
                    deletable: false,
                    expired: false,
                    username: main,
                }),
                enums::Username::Username(types::Username {
                    editable: false,
                    active: true,
                    deletable: true,
                    expired: false,
                    username: format!("{}{}", r.pick(EN), r.range(10, 99)),
                }),
            ]
        });
        let phone = contact.then(|| format!("{}", r.range(10_000_000_000, 99_999_999_999)));
        let bot_inline_placeholder = (bot && r.chance(40)).then(|| "Search...".to_string());
        let lang_code = (!bot && r.chance(30)).then(|| r.pick(LANGS).to_string());
        let _ = lang;
        enums::User::User(types::User {
            self_: false,
            contact,
            mutual_contact: contact && r.chance(70),
            deleted: false,
            bot_chat_history: bot && r.chance(20),
            bot_nochats: bot && r.chance(50),
            verified: r.chance(2),
            min: r.chance(10),
            bot_inline_geo: false,
            support: false,
            scam: false,
            apply_min_photo: r.chance(50),
            fake: false,
            bot_attach_menu: false,
            premium,
            attach_menu_enabled: false,
            bot_can_edit: false,
            close_friend: false,
            stories_hidden: false,
            stories_unavailable: r.chance(30),
            contact_require_premium: false,
            bot_business: false,
            bot_has_main_app: bot && r.chance(10),
            bot_forum_view: false,
            bot_forum_can_manage_topics: false,
            bot_can_manage_bots: false,
            bot_guestchat: false,
            bot_guard: false,
            id: p.id,
            access_hash: Some(r.long()),
            first_name: Some(first_name),
            last_name,
            username: p.username.clone(),
            phone,
            photo,
            status,
            bot_info_version: bot.then(|| r.int(1, 40)),
            restriction_reason,
            bot_inline_placeholder,
            lang_code,
            emoji_status,
            usernames,
            stories_max_id: None,
            color,
            profile_color: None,
            bot_active_users: bot.then(|| r.int(10, 2_000_000)),
            bot_verification_icon: None,
            send_paid_messages_stars: None,
            linked_community_id: None,
        })
    }

    fn chat_photo(&mut self) -> enums::ChatPhoto {
        if self.rng.chance(10) {
            return enums::ChatPhoto::Empty(types::ChatPhotoEmpty {});
        }
        let photo_id = self.photo_id();
        let stripped_thumb = self.rng.chance(80).then(|| self.stripped());
        enums::ChatPhoto::ChatPhoto(types::ChatPhoto {
            has_video: self.rng.chance(5),
            photo_id,
            stripped_thumb,
            dc_id: self.dc(),
        })
    }

    fn title(&mut self) -> String {
        let lang = self.lang();
        let n = self.rng.size(6, 48);
        let mut s = self.words(lang, n);
        if self.rng.chance(30) {
            s.push(' ');
            s.push_str(self.rng.pick(EMOJI));
        }
        s
    }

    fn banned_rights(&mut self) -> enums::ChatBannedRights {
        let r = &mut self.rng;
        enums::ChatBannedRights::ChatBannedRights(types::ChatBannedRights {
            view_messages: false,
            send_messages: r.chance(10),
            send_media: r.chance(20),
            send_stickers: r.chance(20),
            send_gifs: r.chance(20),
            send_games: r.chance(50),
            send_inline: r.chance(50),
            embed_links: r.chance(20),
            send_polls: r.chance(30),
            change_info: true,
            invite_users: r.chance(50),
            pin_messages: true,
            manage_topics: r.chance(50),
            send_photos: false,
            send_videos: false,
            send_roundvideos: false,
            send_audios: false,
            send_voices: r.chance(10),
            send_docs: false,
            send_plain: false,
            edit_rank: false,
            send_reactions: false,
            manage_linked_peers: false,
            until_date: i32::MAX,
        })
    }

    fn admin_rights(&mut self) -> enums::ChatAdminRights {
        let r = &mut self.rng;
        enums::ChatAdminRights::ChatAdminRights(types::ChatAdminRights {
            change_info: r.chance(50),
            post_messages: r.chance(50),
            edit_messages: r.chance(50),
            delete_messages: true,
            ban_users: true,
            invite_users: true,
            pin_messages: true,
            add_admins: r.chance(20),
            anonymous: false,
            manage_call: r.chance(50),
            other: true,
            manage_topics: r.chance(30),
            post_stories: r.chance(30),
            edit_stories: r.chance(30),
            delete_stories: r.chance(30),
            manage_direct_messages: false,
            manage_ranks: false,
            manage_linked_peers: false,
            manage_welcome_messages: false,
        })
    }

    fn channel(&mut self, id: i64, broadcast: bool) -> enums::Chat {
        let title = self.title();
        let photo = self.chat_photo();
        let username = self
            .rng
            .chance(50)
            .then(|| format!("{}_{}", self.rng.pick(EN), self.rng.range(1, 99_999)));
        let admin_rights = self.rng.chance(15).then(|| self.admin_rights());
        let default_banned_rights = (!broadcast).then(|| self.banned_rights());
        let r = &mut self.rng;
        let color = r.chance(40).then(|| {
            enums::PeerColor::PeerColor(types::PeerColor {
                color: Some(r.int(0, 20)),
                background_emoji_id: None,
            })
        });
        enums::Chat::Channel(types::Channel {
            creator: r.chance(3),
            left: r.chance(20),
            broadcast,
            verified: r.chance(3),
            megagroup: !broadcast,
            signatures: broadcast && r.chance(30),
            min: r.chance(10),
            scam: false,
            has_link: r.chance(40),
            has_geo: false,
            slowmode_enabled: !broadcast && r.chance(20),
            call_active: false,
            call_not_empty: false,
            fake: false,
            gigagroup: false,
            noforwards: r.chance(5),
            join_to_send: !broadcast && r.chance(20),
            join_request: r.chance(10),
            forum: !broadcast && r.chance(15),
            stories_hidden: false,
            stories_hidden_min: false,
            stories_unavailable: r.chance(50),
            signature_profiles: false,
            autotranslation: false,
            broadcast_messages_allowed: false,
            monoforum: false,
            forum_tabs: false,
            id,
            access_hash: Some(r.long()),
            title,
            username,
            photo,
            date: self.now - r.int(86_400, 86_400 * 2000),
            restriction_reason: None,
            admin_rights,
            banned_rights: None,
            default_banned_rights,
            participants_count: r.chance(60).then(|| r.int(10, 2_000_000)),
            usernames: None,
            stories_max_id: None,
            color,
            profile_color: None,
            emoji_status: None,
            level: r.chance(20).then(|| r.int(1, 50)),
            subscription_until_date: None,
            bot_verification_icon: None,
            send_paid_messages_stars: None,
            linked_monoforum_id: None,
            linked_community_id: None,
        })
    }

    fn basic_chat(&mut self, id: i64) -> enums::Chat {
        let title = self.title();
        let photo = self.chat_photo();
        let default_banned_rights = self.rng.chance(40).then(|| self.banned_rights());
        let r = &mut self.rng;
        enums::Chat::Chat(types::Chat {
            creator: r.chance(20),
            left: false,
            deactivated: false,
            call_active: false,
            call_not_empty: false,
            noforwards: false,
            id,
            title,
            photo,
            participants_count: r.int(2, 200),
            date: self.now - r.int(86_400, 86_400 * 1000),
            version: r.int(1, 60),
            migrated_to: None,
            admin_rights: None,
            default_banned_rights,
        })
    }

    // --- Media -----------------------------------------------------------------------------

    fn photo(&mut self) -> enums::Photo {
        let id = self.photo_id();
        let (w, h) = self.rng.pick(&[
            (1280, 960),
            (960, 1280),
            (1280, 720),
            (1080, 1080),
            (2560, 1440),
        ]);
        let scale = |side: i32, max: i32| side * max / w.max(h);
        let mut sizes = vec![enums::PhotoSize::PhotoStrippedSize(
            types::PhotoStrippedSize {
                r#type: "i".into(),
                bytes: self.stripped(),
            },
        )];
        for (t, max) in [("m", 320), ("x", 800)] {
            sizes.push(enums::PhotoSize::PhotoSize(types::PhotoSize {
                r#type: t.into(),
                w: scale(w, max),
                h: scale(h, max),
                size: self.rng.int(5_000, 120_000),
            }));
        }
        let total = self.rng.int(60_000, 600_000);
        sizes.push(enums::PhotoSize::Progressive(types::PhotoSizeProgressive {
            r#type: "y".into(),
            w,
            h,
            sizes: vec![total / 20, total / 8, total / 4, total / 2, total],
        }));
        enums::Photo::Photo(types::Photo {
            has_stickers: self.rng.chance(3),
            id,
            access_hash: self.rng.long(),
            file_reference: self.file_reference(),
            date: self.now - self.rng.int(0, 86_400 * 30),
            sizes,
            video_sizes: None,
            dc_id: self.dc(),
        })
    }

    fn thumbs(&mut self) -> Vec<enums::PhotoSize> {
        vec![
            enums::PhotoSize::PhotoStrippedSize(types::PhotoStrippedSize {
                r#type: "i".into(),
                bytes: self.stripped(),
            }),
            enums::PhotoSize::PhotoSize(types::PhotoSize {
                r#type: "m".into(),
                w: 320,
                h: self.rng.int(180, 320),
                size: self.rng.int(3_000, 30_000),
            }),
        ]
    }

    /// A document and the flags of the media wrapping it.
    fn document(&mut self) -> (enums::Document, bool, bool, bool) {
        let (mut video, mut round, mut voice) = (false, false, false);
        let r = &mut self.rng;
        let (mime_type, attributes, size, thumbs) = match r.below(6) {
            0 | 1 => {
                video = true;
                round = r.chance(10);
                let (w, h) = if round {
                    (384, 384)
                } else {
                    r.pick(&[(1280, 720), (720, 1280), (1920, 1080)])
                };
                let name = format!("VID_{}.mp4", r.range(20_200_101, 20_251_231));
                let attrs = vec![
                    enums::DocumentAttribute::Video(types::DocumentAttributeVideo {
                        round_message: round,
                        supports_streaming: true,
                        nosound: r.chance(10),
                        duration: r.range(1_000, 600_000) as f64 / 1000.0,
                        w,
                        h,
                        preload_prefix_size: r.chance(60).then(|| r.int(50_000, 400_000)),
                        video_start_ts: None,
                        video_codec: r.chance(40).then(|| "h264".to_string()),
                    }),
                    enums::DocumentAttribute::Filename(types::DocumentAttributeFilename {
                        file_name: name,
                    }),
                ];
                let size = r.range(200_000, 400_000_000);
                ("video/mp4".to_string(), attrs, size, Some(self.thumbs()))
            }
            2 => {
                voice = true;
                let attrs = vec![enums::DocumentAttribute::Audio(
                    types::DocumentAttributeAudio {
                        voice: true,
                        duration: r.int(1, 300),
                        title: None,
                        performer: None,
                        waveform: Some(r.bytes(63)),
                    },
                )];
                (
                    "audio/ogg".to_string(),
                    attrs,
                    r.range(3_000, 900_000),
                    None,
                )
            }
            3 => {
                let attrs = vec![
                    enums::DocumentAttribute::ImageSize(types::DocumentAttributeImageSize {
                        w: 480,
                        h: 270,
                    }),
                    enums::DocumentAttribute::Video(types::DocumentAttributeVideo {
                        round_message: false,
                        supports_streaming: false,
                        nosound: true,
                        duration: r.range(500, 10_000) as f64 / 1000.0,
                        w: 480,
                        h: 270,
                        preload_prefix_size: None,
                        video_start_ts: None,
                        video_codec: None,
                    }),
                    enums::DocumentAttribute::Filename(types::DocumentAttributeFilename {
                        file_name: "giphy.mp4".into(),
                    }),
                    enums::DocumentAttribute::Animated(types::DocumentAttributeAnimated {}),
                ];
                (
                    "video/mp4".to_string(),
                    attrs,
                    r.range(50_000, 3_000_000),
                    Some(self.thumbs()),
                )
            }
            4 => {
                let attrs = vec![
                    enums::DocumentAttribute::Audio(types::DocumentAttributeAudio {
                        voice: false,
                        duration: r.int(90, 600),
                        title: Some(self.words(Lang::English, 16)),
                        performer: Some(format!(
                            "{} {}",
                            self.rng.pick(FIRST),
                            self.rng.pick(LAST)
                        )),
                        waveform: None,
                    }),
                    enums::DocumentAttribute::Filename(types::DocumentAttributeFilename {
                        file_name: format!("{}.mp3", self.words(Lang::Mixed, 12)),
                    }),
                ];
                let size = self.rng.range(2_000_000, 20_000_000);
                ("audio/mpeg".to_string(), attrs, size, None)
            }
            _ => {
                let (mime, ext) = r.pick(MIME);
                let file_name = format!(
                    "{}.{ext}",
                    {
                        let n = self.rng.size(6, 60);
                        self.words(Lang::Mixed, n)
                    }
                    .replace(' ', "_")
                );
                let attrs = vec![enums::DocumentAttribute::Filename(
                    types::DocumentAttributeFilename { file_name },
                )];
                let thumbs = self.rng.chance(30).then(|| self.thumbs());
                (
                    mime.to_string(),
                    attrs,
                    self.rng.range(1_000, 50_000_000),
                    thumbs,
                )
            }
        };
        let doc = enums::Document::Document(types::Document {
            id: 5_400_000_000_000_000_000 + self.rng.range(0, 1 << 50),
            access_hash: self.rng.long(),
            file_reference: self.file_reference(),
            date: self.now - self.rng.int(0, 86_400 * 30),
            mime_type,
            size,
            thumbs,
            video_thumbs: None,
            dc_id: self.dc(),
            attributes,
        });
        (doc, video, round, voice)
    }

    fn webpage(&mut self) -> enums::WebPage {
        let url = self.url();
        let display_url = url.trim_start_matches("https://").to_string();
        let site = display_url
            .split('/')
            .next()
            .unwrap_or_default()
            .to_string();
        let title = self.title();
        let n = self.rng.size(60, 600);
        let lang = self.lang();
        let description = self.words(lang, n);
        let photo = self.rng.chance(70).then(|| self.photo());
        let r = &mut self.rng;
        let embed = site.contains("youtube") && r.chance(80);
        enums::WebPage::WebPage(types::WebPage {
            has_large_media: r.chance(50),
            video_cover_photo: false,
            id: r.long(),
            url: url.clone(),
            display_url,
            hash: r.int(0, i32::MAX),
            r#type: Some(if embed { "video" } else { "article" }.into()),
            site_name: Some(site),
            title: Some(title),
            description: Some(description),
            photo,
            embed_url_and_embed_type: embed.then(|| (format!("{url}?embed=1"), "iframe".into())),
            embed_width_and_embed_height: embed.then_some((1280, 720)),
            duration: embed.then(|| r.int(30, 3600)),
            author: r
                .chance(30)
                .then(|| format!("{} {}", r.pick(FIRST), r.pick(LAST))),
            document: None,
            cached_page: None,
            attributes: None,
        })
    }

    fn media(&mut self) -> enums::MessageMedia {
        match self.rng.below(10) {
            0..=4 => enums::MessageMedia::Photo(types::MessageMediaPhoto {
                spoiler: self.rng.chance(3),
                photo: Some(self.photo()),
                ttl_seconds: None,
                video: None,
            }),
            5..=7 => {
                let (document, video, round, voice) = self.document();
                enums::MessageMedia::Document(types::MessageMediaDocument {
                    nopremium: false,
                    spoiler: false,
                    video,
                    round,
                    voice,
                    document: Some(Box::new(document)),
                    alt_documents: None,
                    video_cover: None,
                    video_timestamp: None,
                    ttl_seconds: None,
                })
            }
            _ => enums::MessageMedia::WebPage(types::MessageMediaWebPage {
                force_large_media: false,
                force_small_media: false,
                manual: false,
                safe: true,
                webpage: Box::new(self.webpage()),
            }),
        }
    }

    // --- Messages ---------------------------------------------------------------------------

    fn reaction(&mut self) -> enums::Reaction {
        if self.rng.chance(15) {
            enums::Reaction::CustomEmoji(types::ReactionCustomEmoji {
                document_id: 5_368_324_170_671_202_286 + self.rng.range(0, 1 << 20),
            })
        } else {
            enums::Reaction::Emoji(types::ReactionEmoji {
                emoticon: self.rng.pick(REACTIONS).to_string(),
            })
        }
    }

    fn reactions(&mut self, chat_members: &[Person], big: bool) -> enums::MessageReactions {
        let n = self.rng.size(1, 6);
        let mut results = Vec::with_capacity(n);
        let mut chosen = 0;
        for i in 0..n {
            let reaction = self.reaction();
            let mine = self.rng.chance(15);
            results.push(enums::ReactionCount::ReactionCount(types::ReactionCount {
                chosen_order: mine.then(|| {
                    chosen += 1;
                    chosen
                }),
                reaction,
                count: if big {
                    self.rng.int(1, 5000) / (i as i32 + 1) + 1
                } else {
                    self.rng.int(1, 6)
                },
            }));
        }
        let recent_reactions = (!big && !chat_members.is_empty()).then(|| {
            (0..self.rng.size(1, 4))
                .map(|_| {
                    let who = self.rng.pick_ref(chat_members).id;
                    enums::MessagePeerReaction::MessagePeerReaction(types::MessagePeerReaction {
                        big: self.rng.chance(5),
                        unread: self.rng.chance(20),
                        my: false,
                        peer_id: Self::peer_user(who),
                        date: self.now - self.rng.int(0, 86_400),
                        reaction: self.reaction(),
                    })
                })
                .collect()
        });
        enums::MessageReactions::MessageReactions(types::MessageReactions {
            min: false,
            can_see_list: !big,
            reactions_as_tags: false,
            results,
            recent_reactions,
            top_reactors: None,
        })
    }

    fn reply_header(&mut self, id: i32, forum_top: Option<i32>) -> enums::MessageReplyHeader {
        let quote = self.rng.chance(20);
        let (quote_text, quote_entities) = if quote {
            let n = self.rng.size(10, 120);
            let ent = self.rng.chance(30);
            let t = self.rich_text(n, ent);
            let entities = (!t.entities.is_empty()).then_some(t.entities);
            (Some(t.text), entities)
        } else {
            (None, None)
        };
        enums::MessageReplyHeader::MessageReplyHeader(types::MessageReplyHeader {
            reply_to_scheduled: false,
            forum_topic: forum_top.is_some(),
            quote,
            reply_to_ephemeral: false,
            reply_to_msg_id: Some(id - self.rng.int(1, 200).min(id - 1).max(1)),
            reply_to_peer_id: None,
            reply_from: None,
            reply_media: None,
            reply_to_top_id: forum_top,
            quote_text,
            quote_entities,
            quote_offset: quote.then(|| self.rng.int(0, 40)),
            todo_item_id: None,
            poll_option: None,
        })
    }

    fn fwd_header(&mut self) -> enums::MessageFwdHeader {
        let from_channel = self.rng.chance(50);
        let from_id = if from_channel {
            enums::Peer::Channel(types::PeerChannel {
                channel_id: 1_000_000_000 + self.rng.range(0, 900_000_000),
            })
        } else {
            Self::peer_user(self.rng.pick_ref(&self.people).id)
        };
        let hidden = !from_channel && self.rng.chance(30);
        enums::MessageFwdHeader::MessageFwdHeader(types::MessageFwdHeader {
            imported: false,
            saved_out: false,
            from_id: (!hidden).then_some(from_id),
            from_name: hidden.then(|| format!("{} {}", self.rng.pick(FIRST), self.rng.pick(LAST))),
            date: self.now - self.rng.int(3600, 86_400 * 365),
            channel_post: from_channel.then(|| self.rng.int(1, 200_000)),
            post_author: (from_channel && self.rng.chance(20))
                .then(|| self.rng.pick(FIRST).to_string()),
            saved_from_peer_and_saved_from_msg_id: None,
            saved_from_id: None,
            saved_from_name: None,
            saved_date: None,
            psa_type: None,
        })
    }

    /// One message of a chat. `peer` is where it is; `members` who may send it (empty for a
    /// broadcast channel, whose posts have no sender but views, forwards and comments).
    fn message(
        &mut self,
        id: i32,
        date: i32,
        peer: &enums::Peer,
        members: &[Person],
        forum: bool,
    ) -> enums::Message {
        let broadcast = members.is_empty();
        if self.rng.chance(4) && !broadcast {
            return self.service_message(id, date, peer, members);
        }
        let has_media = self.rng.chance(40);
        let len = if has_media && self.rng.chance(50) {
            0
        } else {
            self.text_len(broadcast)
        };
        let text = if len == 0 {
            Text::new()
        } else {
            let ent = self.rng.chance(if broadcast { 70 } else { 35 });
            self.rich_text(len, ent)
        };
        let media = has_media.then(|| self.media());
        let from = (!broadcast).then(|| self.rng.pick_ref(members).id);
        let reply_to = (self.rng.chance(if broadcast { 5 } else { 25 }) && id > 1).then(|| {
            let top = (forum && self.rng.chance(70)).then(|| (id - 500).max(1));
            self.reply_header(id, top)
        });
        let reactions = self
            .rng
            .chance(if broadcast { 70 } else { 25 })
            .then(|| self.reactions(members, broadcast));
        let fwd_from = self.rng.chance(8).then(|| self.fwd_header());
        let views = broadcast.then(|| self.rng.int(100, 3_000_000));
        let replies = (broadcast && self.rng.chance(60)).then(|| {
            let n = self.rng.int(0, 300);
            let recent = (n > 0).then(|| {
                (0..self.rng.size(1, 3))
                    .map(|_| Self::peer_user(self.rng.pick_ref(&self.people).id))
                    .collect()
            });
            enums::MessageReplies::MessageReplies(types::MessageReplies {
                replies: n,
                replies_pts: self.rng.int(1000, 500_000),
                recent_repliers: recent,
                channel_id: Some(1_000_000_000 + self.rng.range(0, 900_000_000)),
                max_id: (n > 0).then(|| self.rng.int(1, 100_000)),
                read_max_id: (n > 0 && self.rng.chance(30)).then(|| self.rng.int(1, 100_000)),
            })
        });
        let r = &mut self.rng;
        let entities = (!text.entities.is_empty()).then_some(text.entities);
        enums::Message::Message(types::Message {
            out: !broadcast && r.chance(20),
            mentioned: r.chance(3),
            media_unread: r.chance(5),
            silent: r.chance(5),
            post: broadcast,
            from_scheduled: r.chance(1),
            legacy: false,
            edit_hide: r.chance(5),
            pinned: r.chance(2),
            noforwards: false,
            invert_media: r.chance(2),
            offline: false,
            video_processing_pending: false,
            paid_suggested_post_stars: false,
            paid_suggested_post_ton: false,
            id,
            from_id: from.map(Self::peer_user),
            from_boosts_applied: None,
            from_rank: None,
            peer_id: peer.clone(),
            saved_peer_id: None,
            fwd_from: fwd_from.map(Box::new),
            via_bot_id: r.chance(2).then(|| 1_000_000 + r.range(0, 1000)),
            via_business_bot_id: None,
            guestchat_via_from: None,
            reply_to: reply_to.map(Box::new),
            date,
            message: text.text,
            media: media.map(Box::new),
            reply_markup: None,
            entities,
            views_and_forwards: views.map(|v| (v, v / r.int(20, 400))),
            replies,
            edit_date: r.chance(12).then(|| date + r.int(10, 7200)),
            post_author: (broadcast && r.chance(15))
                .then(|| format!("{} {}", r.pick(FIRST), r.pick(LAST))),
            grouped_id: (has_media && r.chance(10))
                .then(|| 13_000_000_000_000_000 + r.range(0, 1 << 40)),
            reactions,
            restriction_reason: None,
            ttl_period: r.chance(2).then_some(86_400),
            quick_reply_shortcut_id: None,
            effect: None,
            factcheck: None,
            report_delivery_until_date: None,
            paid_message_stars: None,
            suggested_post: None,
            schedule_repeat_period: None,
            summary_from_language: None,
            rich_message: None,
        })
    }

    fn service_message(
        &mut self,
        id: i32,
        date: i32,
        peer: &enums::Peer,
        members: &[Person],
    ) -> enums::Message {
        let from = self.rng.pick_ref(members).id;
        let action = match self.rng.below(3) {
            0 => enums::MessageAction::ChatAddUser(types::MessageActionChatAddUser {
                users: vec![self.rng.pick_ref(&self.people).id],
            }),
            1 => enums::MessageAction::PinMessage(types::MessageActionPinMessage {}),
            _ => enums::MessageAction::ChatEditTitle(types::MessageActionChatEditTitle {
                title: self.title(),
            }),
        };
        let pinned = matches!(action, enums::MessageAction::PinMessage(_));
        let reply_to = pinned.then(|| self.reply_header(id, None));
        enums::Message::Service(types::MessageService {
            out: false,
            mentioned: false,
            media_unread: false,
            reactions_are_possible: true,
            silent: false,
            post: false,
            legacy: false,
            id,
            from_id: Some(Self::peer_user(from)),
            peer_id: peer.clone(),
            saved_peer_id: None,
            reply_to: reply_to.map(Box::new),
            date,
            action: Box::new(action),
            reactions: None,
            ttl_period: None,
        })
    }

    /// Users referenced by `messages` (senders, mentions are not resolved: like Telegram,
    /// the vector holds the senders) plus a few more, as `User` objects.
    fn users_for(&mut self, members: &[Person], extra: usize) -> Vec<enums::User> {
        let mut people: Vec<Person> = members.to_vec();
        people.extend(self.people_sample(extra));
        people.sort_by_key(|p| p.id);
        people.dedup_by_key(|p| p.id);
        people.iter().map(|p| self.user(p)).collect()
    }

    /// A page of history: `n` messages of one chat, newest first.
    fn history(
        &mut self,
        n: usize,
        peer: &enums::Peer,
        members: &[Person],
        forum: bool,
    ) -> Vec<enums::Message> {
        let mut id = self.rng.int(1_000, 400_000);
        let mut date = self.now;
        (0..n)
            .map(|_| {
                id -= self.rng.int(1, 3);
                date -= self.rng.int(5, 3600);
                self.message(id.max(1), date, peer, members, forum)
            })
            .collect()
    }

    fn messages_page(&mut self) -> enums::messages::Messages {
        let n = self.rng.size(20, 100);
        let (peer, members, chats) = if self.rng.chance(50) {
            // A private chat: two people.
            let members = self.people_sample(2);
            (Self::peer_user(members[1].id), members, Vec::new())
        } else {
            let id = self.rng.range(100_000, 4_000_000_000);
            let members = {
                let n = self.rng.size(3, 30);
                self.people_sample(n)
            };
            let chat = self.basic_chat(id);
            (
                enums::Peer::Chat(types::PeerChat { chat_id: id }),
                members,
                vec![chat],
            )
        };
        let messages = self.history(n, &peer, &members, false);
        let users = {
            let n = self.rng.size(0, 5);
            self.users_for(&members, n)
        };
        enums::messages::Messages::Messages(types::messages::Messages {
            messages,
            topics: Vec::new(),
            chats,
            users,
        })
    }

    fn channel_messages_page(&mut self) -> enums::messages::Messages {
        let n = self.rng.size(20, 100);
        let broadcast = self.rng.chance(50);
        let id = 1_000_000_000 + self.rng.range(0, 900_000_000);
        let peer = enums::Peer::Channel(types::PeerChannel { channel_id: id });
        let members = if broadcast {
            Vec::new()
        } else {
            {
                let n = self.rng.size(5, 60);
                self.people_sample(n)
            }
        };
        let forum = !broadcast && self.rng.chance(20);
        let messages = self.history(n, &peer, &members, forum);
        let mut chats = vec![self.channel(id, broadcast)];
        // Forwards and comment groups bring a few more channels along.
        for _ in 0..self.rng.size(0, 3) {
            let other = 1_000_000_000 + self.rng.range(0, 900_000_000);
            let b = self.rng.chance(70);
            chats.push(self.channel(other, b));
        }
        let users = {
            let n = self.rng.size(0, 8);
            self.users_for(&members, n)
        };
        enums::messages::Messages::ChannelMessages(types::messages::ChannelMessages {
            inexact: false,
            pts: self.rng.int(1_000, 900_000),
            count: self.rng.int(n as i32, 500_000),
            offset_id_offset: self.rng.chance(30).then(|| self.rng.int(0, 1000)),
            messages,
            topics: Vec::new(),
            chats,
            users,
        })
    }

    // --- Updates ---------------------------------------------------------------------------

    fn typing(&mut self) -> enums::SendMessageAction {
        if self.rng.chance(80) {
            enums::SendMessageAction::SendMessageTypingAction(types::SendMessageTypingAction {})
        } else {
            enums::SendMessageAction::SendMessageUploadPhotoAction(
                types::SendMessageUploadPhotoAction {
                    progress: self.rng.int(0, 100),
                },
            )
        }
    }

    /// A batch of `n` updates and the users and chats they mention.
    fn update_batch(
        &mut self,
        n: usize,
    ) -> (Vec<enums::Update>, Vec<enums::User>, Vec<enums::Chat>) {
        let members = {
            let n = self.rng.size(2, 12);
            self.people_sample(n)
        };
        let chat_id = 1_000_000_000 + self.rng.range(0, 900_000_000);
        let channel_peer = enums::Peer::Channel(types::PeerChannel {
            channel_id: chat_id,
        });
        let first_pts = self.rng.int(10_000, 2_000_000);
        let mut msg_id = self.rng.int(1_000, 400_000);
        let mut updates = Vec::with_capacity(n);
        let mut channel_used = false;
        for pts in (first_pts + 1..).take(n) {
            let update = match self.rng.below(20) {
                0..=4 => {
                    msg_id += 1;
                    let peer = Self::peer_user(members[0].id);
                    let m = self.message(msg_id, self.now, &peer, &members[..2], false);
                    enums::Update::NewMessage(types::UpdateNewMessage {
                        message: Box::new(m),
                        pts,
                        pts_count: 1,
                    })
                }
                5..=8 => {
                    msg_id += 1;
                    channel_used = true;
                    let m = self.message(msg_id, self.now, &channel_peer, &members, false);
                    enums::Update::NewChannelMessage(types::UpdateNewChannelMessage {
                        message: Box::new(m),
                        pts,
                        pts_count: 1,
                    })
                }
                9 => {
                    let peer = Self::peer_user(members[0].id);
                    let m = self.message(msg_id, self.now - 60, &peer, &members[..2], false);
                    enums::Update::EditMessage(types::UpdateEditMessage {
                        message: Box::new(m),
                        pts,
                        pts_count: 1,
                    })
                }
                10 | 11 => enums::Update::ReadHistoryInbox(types::UpdateReadHistoryInbox {
                    folder_id: self.rng.chance(10).then_some(1),
                    peer: Self::peer_user(self.rng.pick_ref(&members).id),
                    top_msg_id: None,
                    max_id: msg_id,
                    still_unread_count: self.rng.int(0, 20),
                    pts,
                    pts_count: 1,
                }),
                12 => {
                    channel_used = true;
                    enums::Update::ReadChannelInbox(types::UpdateReadChannelInbox {
                        folder_id: None,
                        channel_id: chat_id,
                        max_id: msg_id,
                        still_unread_count: self.rng.int(0, 500),
                        pts,
                    })
                }
                13 | 14 => {
                    let who = self.rng.pick_ref(&members).id;
                    let status = if self.rng.chance(50) {
                        enums::UserStatus::Online(types::UserStatusOnline {
                            expires: self.now + 300,
                        })
                    } else {
                        enums::UserStatus::Offline(types::UserStatusOffline {
                            was_online: self.now,
                        })
                    };
                    enums::Update::UserStatus(types::UpdateUserStatus {
                        user_id: who,
                        status,
                    })
                }
                15 => enums::Update::UserTyping(types::UpdateUserTyping {
                    user_id: self.rng.pick_ref(&members).id,
                    top_msg_id: None,
                    action: Box::new(self.typing()),
                }),
                16 => enums::Update::DeleteMessages(types::UpdateDeleteMessages {
                    messages: (0..self.rng.int(1, 10)).map(|i| msg_id - 2 * i).collect(),
                    pts,
                    pts_count: 1,
                }),
                17 => {
                    channel_used = true;
                    enums::Update::ChannelMessageViews(types::UpdateChannelMessageViews {
                        channel_id: chat_id,
                        id: msg_id - self.rng.int(0, 50),
                        views: self.rng.int(10, 100_000),
                    })
                }
                18 => enums::Update::MessageId(types::UpdateMessageId {
                    id: msg_id + 1,
                    random_id: self.rng.long(),
                }),
                _ => {
                    channel_used = true;
                    enums::Update::MessageReactions(types::UpdateMessageReactions {
                        peer: channel_peer.clone(),
                        msg_id: msg_id - self.rng.int(0, 20),
                        top_msg_id: None,
                        saved_peer_id: None,
                        reactions: self.reactions(&members, false),
                    })
                }
            };
            updates.push(update);
        }
        let users = self.users_for(&members, 0);
        let chats = if channel_used {
            vec![self.channel(chat_id, false)]
        } else {
            Vec::new()
        };
        (updates, users, chats)
    }

    fn updates(&mut self) -> enums::Updates {
        let n = self.rng.size(1, 20);
        let (updates, users, chats) = self.update_batch(n);
        enums::Updates::Updates(types::Updates {
            updates,
            users,
            chats,
            date: self.now,
            seq: self.rng.int(0, 100_000),
        })
    }

    fn updates_combined(&mut self) -> enums::Updates {
        let n = self.rng.size(5, 40);
        let (updates, users, chats) = self.update_batch(n);
        let seq = self.rng.int(100, 100_000);
        enums::Updates::Combined(types::UpdatesCombined {
            updates,
            users,
            chats,
            date: self.now,
            seq_start: seq - self.rng.int(1, 10),
            seq,
        })
    }

    /// The fields shared by both short message updates.
    fn short_text(
        &mut self,
    ) -> (
        String,
        Option<Vec<enums::MessageEntity>>,
        Option<enums::MessageReplyHeader>,
        i32,
    ) {
        let len = self.text_len(false);
        let ent = self.rng.chance(25);
        let text = self.rich_text(len, ent);
        let id = self.rng.int(1_000, 400_000);
        let reply = self.rng.chance(15).then(|| self.reply_header(id, None));
        let entities = (!text.entities.is_empty()).then_some(text.entities);
        (text.text, entities, reply, id)
    }

    fn short_message(&mut self) -> enums::Updates {
        let (message, entities, reply_to, id) = self.short_text();
        let fwd_from = self.rng.chance(5).then(|| self.fwd_header());
        let r = &mut self.rng;
        enums::Updates::UpdateShortMessage(types::UpdateShortMessage {
            out: r.chance(30),
            mentioned: false,
            media_unread: false,
            silent: r.chance(5),
            id,
            user_id: r.pick_ref(&self.people).id,
            message,
            pts: r.int(10_000, 2_000_000),
            pts_count: 1,
            date: self.now,
            fwd_from: fwd_from.map(Box::new),
            via_bot_id: None,
            reply_to: reply_to.map(Box::new),
            entities,
            ttl_period: None,
        })
    }

    fn short_chat_message(&mut self) -> enums::Updates {
        let (message, entities, reply_to, id) = self.short_text();
        let r = &mut self.rng;
        enums::Updates::UpdateShortChatMessage(types::UpdateShortChatMessage {
            out: r.chance(20),
            mentioned: r.chance(5),
            media_unread: false,
            silent: r.chance(5),
            id,
            from_id: r.pick_ref(&self.people).id,
            chat_id: r.range(100_000, 4_000_000_000),
            message,
            pts: r.int(10_000, 2_000_000),
            pts_count: 1,
            date: self.now,
            fwd_from: None,
            via_bot_id: r.chance(3).then(|| 1_000_000 + r.range(0, 1000)),
            reply_to: reply_to.map(Box::new),
            entities,
            ttl_period: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tlgen_runtime::Deserializable;

    #[test]
    fn deterministic() {
        assert_eq!(corpus(), corpus());
    }

    /// FNV-1a (64 bits) of every sample's length (`u32`, little-endian) and bytes, in order.
    fn fingerprint(samples: &[Sample]) -> u64 {
        let mut hash = 0xcbf2_9ce4_8422_2325_u64;
        for s in samples {
            let len = (s.bytes.len() as u32).to_le_bytes();
            for &b in len.iter().chain(&s.bytes) {
                hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
        }
        hash
    }

    /// The default corpus keeps the bytes the published figures were measured on (the value
    /// was computed with an independent script over the samples `corpus-stats --write` dumped
    /// before the non-ASCII mix was added).
    #[test]
    fn default_corpus_bytes_unchanged() {
        let c = corpus();
        assert_eq!(c.len(), 324);
        assert_eq!(stats(&c, None).bytes, 1_732_480);
        assert_eq!(fingerprint(&c), 0x3f9c_9627_803a_d450);
    }

    #[test]
    fn non_ascii_corpus() {
        let c = corpus_with(TextMix::NonAscii);
        assert_eq!(c, corpus_with(TextMix::NonAscii));
        assert_ne!(c, corpus());
        assert_eq!(c.len(), 324);
        for kind in Kind::ALL {
            let ours = stats(&c, Some(kind)).count;
            assert_eq!(ours, stats(&corpus(), Some(kind)).count, "{kind:?}");
        }
        let text = crate::text_stats(&c);
        let default = crate::text_stats(&corpus());
        assert!(text.non_ascii_percent() > 60.0, "{text:?}");
        assert!(default.non_ascii_percent() < 40.0, "{default:?}");
    }

    #[test]
    fn size_and_shape() {
        let c = corpus();
        let total = stats(&c, None);
        assert!((1_000_000..=4_000_000).contains(&total.bytes), "{total:?}");
        for kind in Kind::ALL {
            assert!(stats(&c, Some(kind)).count > 0, "{kind:?}");
        }
    }

    #[test]
    fn round_trips() {
        for s in corpus().into_iter().chain(corpus_with(TextMix::NonAscii)) {
            let again = match s.kind {
                Kind::MessagesPage | Kind::ChannelMessagesPage => {
                    enums::messages::Messages::from_bytes(&s.bytes)
                        .unwrap()
                        .to_bytes()
                }
                Kind::UserVector => Vec::<enums::User>::from_bytes(&s.bytes).unwrap().to_bytes(),
                _ => enums::Updates::from_bytes(&s.bytes).unwrap().to_bytes(),
            };
            assert_eq!(again, s.bytes, "{}", s.name);
        }
    }
}
