//! Decoding and walking what Telegram sends: updates, message pages and users.

use std::collections::BTreeMap;

use crate::tl::{enums, Deserializable};
use tlgen_runtime::DecodeError;

/// What a batch of updates contained.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Inbox {
    /// The texts of new and edited messages, in order.
    pub texts: Vec<String>,
    /// How many updates of each kind arrived.
    pub kinds: BTreeMap<&'static str, usize>,
    /// The names of the users sent along with the updates.
    pub users: Vec<String>,
}

impl Inbox {
    /// Counts `update` and keeps the text of the message it carries, if any.
    fn add(&mut self, update: &enums::Update) {
        *self.kinds.entry(kind(update)).or_default() += 1;
        let message = match update {
            enums::Update::NewMessage(u) => &u.message,
            enums::Update::EditMessage(u) => &u.message,
            enums::Update::NewChannelMessage(u) => &u.message,
            enums::Update::EditChannelMessage(u) => &u.message,
            _ => return,
        };
        self.texts.extend(text(message));
    }
}

/// The kind of an update, for the counts of [`Inbox::kinds`].
fn kind(update: &enums::Update) -> &'static str {
    match update {
        enums::Update::NewMessage(_) => "new_message",
        enums::Update::EditMessage(_) => "edit_message",
        enums::Update::DeleteMessages(_) => "delete_messages",
        enums::Update::MessageId(_) => "message_id",
        enums::Update::NewChannelMessage(_) => "new_channel_message",
        enums::Update::EditChannelMessage(_) => "edit_channel_message",
        enums::Update::DeleteChannelMessages(_) => "delete_channel_messages",
        enums::Update::UserTyping(_) => "user_typing",
        enums::Update::UserStatus(_) => "user_status",
        enums::Update::UserName(_) => "user_name",
        enums::Update::BotCallbackQuery(_) => "callback_query",
        enums::Update::BotInlineQuery(_) => "inline_query",
        enums::Update::ReadHistoryInbox(_) => "read_history",
        enums::Update::ChannelParticipant(_) => "channel_participant",
        _ => "other",
    }
}

/// The text of a message (none for empty and service messages).
fn text(message: &enums::Message) -> Option<String> {
    match message {
        enums::Message::Message(m) => Some(m.message.clone()),
        enums::Message::Empty(_) | enums::Message::Service(_) => None,
    }
}

/// The display name of a user: first and last name, else the username, else the id.
fn name(user: &enums::User) -> String {
    match user {
        enums::User::User(u) => match (&u.first_name, &u.last_name, &u.username) {
            (Some(first), Some(last), _) => format!("{first} {last}"),
            (Some(first), None, _) => first.clone(),
            (None, _, Some(username)) => format!("@{username}"),
            _ => u.id.to_string(),
        },
        enums::User::Empty(u) => u.id.to_string(),
    }
}

/// Decodes a boxed `Updates` and collects its texts, update kinds and user names.
pub fn read_updates(bytes: &[u8]) -> Result<Inbox, DecodeError> {
    let mut inbox = Inbox::default();
    match enums::Updates::from_bytes(bytes)? {
        enums::Updates::UpdateShortMessage(m) => inbox.texts.push(m.message),
        enums::Updates::UpdateShortChatMessage(m) => inbox.texts.push(m.message),
        enums::Updates::UpdateShort(short) => inbox.add(&short.update),
        enums::Updates::Updates(all) => {
            all.updates.iter().for_each(|u| inbox.add(u));
            inbox.users = all.users.iter().map(name).collect();
        }
        enums::Updates::Combined(all) => {
            all.updates.iter().for_each(|u| inbox.add(u));
            inbox.users = all.users.iter().map(name).collect();
        }
        enums::Updates::TooLong(_) | enums::Updates::UpdateShortSentMessage(_) => {}
    }
    Ok(inbox)
}

/// Decodes a `messages.Messages` page and returns the texts of its messages.
pub fn message_texts(bytes: &[u8]) -> Result<Vec<String>, DecodeError> {
    let messages = match enums::messages::Messages::from_bytes(bytes)? {
        enums::messages::Messages::Messages(page) => page.messages,
        enums::messages::Messages::Slice(page) => page.messages,
        enums::messages::Messages::ChannelMessages(page) => page.messages,
        enums::messages::Messages::NotModified(_) => Vec::new(),
    };
    Ok(messages.iter().filter_map(text).collect())
}

/// Decodes a `Vector<User>` and returns the users' display names.
pub fn user_names(bytes: &[u8]) -> Result<Vec<String>, DecodeError> {
    Ok(Vec::<enums::User>::from_bytes(bytes)?
        .iter()
        .map(name)
        .collect())
}
