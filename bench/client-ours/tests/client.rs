//! The bot on values it builds, encodes and reads back; errors as the TL spec encodes them.

use tl_client_ours::{
    after_payment, after_resolve, after_send, init_connection, message_texts, read_updates,
    requests, user_names, Chat, Next,
};
use tlgen_types::{enums, types, Serializable};

/// `rpc_error#2144ca19 error_code:int error_message:string`, written by hand from the spec.
fn rpc_error(code: i32, message: &str) -> Vec<u8> {
    let mut out = 0x2144_ca19_u32.to_le_bytes().to_vec();
    out.extend(code.to_le_bytes());
    out.push(message.len() as u8);
    out.extend(message.as_bytes());
    out.resize(out.len().next_multiple_of(4), 0);
    out
}

/// A text message `id` from user 1 to user 2.
fn message(id: i32, text: &str) -> enums::Message {
    enums::Message::Message(types::Message {
        out: false,
        mentioned: false,
        media_unread: false,
        silent: false,
        post: false,
        from_scheduled: false,
        legacy: false,
        edit_hide: false,
        pinned: false,
        noforwards: false,
        invert_media: false,
        offline: false,
        video_processing_pending: false,
        paid_suggested_post_stars: false,
        paid_suggested_post_ton: false,
        id,
        from_id: Some(enums::Peer::User(types::PeerUser { user_id: 1 })),
        from_boosts_applied: None,
        from_rank: None,
        peer_id: enums::Peer::User(types::PeerUser { user_id: 2 }),
        saved_peer_id: None,
        fwd_from: None,
        via_bot_id: None,
        via_business_bot_id: None,
        guestchat_via_from: None,
        reply_to: None,
        date: 1_700_000_000,
        message: text.into(),
        media: None,
        reply_markup: None,
        entities: None,
        views_and_forwards: Some((10, 2)),
        replies: None,
        edit_date: None,
        post_author: None,
        grouped_id: None,
        reactions: None,
        restriction_reason: None,
        ttl_period: None,
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

/// A user with an optional first name and username.
fn user(id: i64, first_name: Option<&str>, username: Option<&str>) -> enums::User {
    enums::User::User(types::User {
        self_: false,
        contact: false,
        mutual_contact: false,
        deleted: false,
        bot_chat_history: false,
        bot_nochats: false,
        verified: false,
        min: false,
        bot_inline_geo: false,
        support: false,
        scam: false,
        apply_min_photo: false,
        fake: false,
        bot_attach_menu: false,
        premium: false,
        attach_menu_enabled: false,
        bot_can_edit: false,
        close_friend: false,
        stories_hidden: false,
        stories_unavailable: false,
        contact_require_premium: false,
        bot_business: false,
        bot_has_main_app: false,
        bot_forum_view: false,
        bot_forum_can_manage_topics: false,
        bot_can_manage_bots: false,
        bot_guestchat: false,
        bot_guard: false,
        id,
        access_hash: Some(id * 3),
        first_name: first_name.map(Into::into),
        last_name: None,
        username: username.map(Into::into),
        phone: None,
        photo: None,
        status: None,
        bot_info_version: None,
        restriction_reason: None,
        bot_inline_placeholder: None,
        lang_code: None,
        emoji_status: None,
        usernames: None,
        stories_max_id: None,
        color: None,
        profile_color: None,
        bot_active_users: None,
        bot_verification_icon: None,
        send_paid_messages_stars: None,
        linked_community_id: None,
    })
}

#[test]
fn reads_updates() {
    let new = types::UpdateNewMessage {
        message: Box::new(message(10, "hi")),
        pts: 1,
        pts_count: 1,
    };
    let edit = types::UpdateEditMessage {
        message: Box::new(message(10, "hi!")),
        pts: 2,
        pts_count: 1,
    };
    let typing = types::UpdateUserTyping {
        user_id: 1,
        top_msg_id: None,
        action: Box::new(enums::SendMessageAction::SendMessageTypingAction(
            types::SendMessageTypingAction {},
        )),
    };
    let deleted = types::UpdateDeleteMessages {
        messages: vec![3, 4],
        pts: 3,
        pts_count: 2,
    };
    let updates = enums::Updates::Updates(types::Updates {
        updates: vec![
            enums::Update::NewMessage(new),
            enums::Update::UserTyping(typing.clone()),
            enums::Update::EditMessage(edit),
            enums::Update::UserTyping(typing),
            enums::Update::DeleteMessages(deleted),
            enums::Update::Config(types::UpdateConfig {}),
        ],
        users: vec![user(1, Some("Ann"), None), user(2, None, Some("bob"))],
        chats: vec![],
        date: 1_700_000_000,
        seq: 5,
    });
    let inbox = read_updates(&updates.to_bytes()).unwrap();
    assert_eq!(inbox.texts, ["hi", "hi!"]);
    assert_eq!(inbox.users, ["Ann", "@bob"]);
    let kinds: Vec<_> = inbox.kinds.into_iter().collect();
    assert_eq!(
        kinds,
        [
            ("delete_messages", 1),
            ("edit_message", 1),
            ("new_message", 1),
            ("other", 1),
            ("user_typing", 2)
        ]
    );
    let bytes = updates.to_bytes();
    assert!(read_updates(&bytes[..bytes.len() - 1]).is_err());
}

#[test]
fn reads_pages_and_users() {
    let page = enums::messages::Messages::Messages(types::messages::Messages {
        messages: vec![
            message(1, "one"),
            enums::Message::Empty(types::MessageEmpty {
                id: 2,
                peer_id: None,
            }),
            message(3, "three"),
        ],
        topics: vec![],
        chats: vec![],
        users: vec![],
    });
    assert_eq!(message_texts(&page.to_bytes()).unwrap(), ["one", "three"]);
    let users = vec![
        user(5, Some("Eve"), None),
        enums::User::Empty(types::UserEmpty { id: 6 }),
    ];
    assert_eq!(user_names(&users.to_bytes()).unwrap(), ["Eve", "6"]);
    assert!(user_names(&page.to_bytes()).is_err());
}

#[test]
fn encodes_twenty_calls() {
    let chat = Chat {
        user_id: 1,
        user_hash: 2,
        channel_id: 3,
        channel_hash: 4,
    };
    // Constructor ids from schema/api.tl, in the order `requests` builds the calls.
    let ids: Vec<u32> = requests(&chat, "hello")
        .iter()
        .map(|call| u32::from_le_bytes(call[..4].try_into().unwrap()))
        .collect();
    assert_eq!(
        ids,
        [
            0xfef48f62, 0x4423e6c5, 0xb106e66c, 0x13704a7c, 0xbe5335be, 0x0517165a, 0x0d91a548,
            0x725afbbc, 0x77ced9d0, 0xe58e95d2, 0x19c2f763, 0x7998c914, 0xedd4882a, 0xa0f4cb4f,
            0x0e306d3a, 0x58943ee2, 0x7f6a1e22, 0x63c66506, 0x67a3ff2c, 0xd58f130a,
        ]
    );
    let init = init_connection(12345);
    assert_eq!(
        init[..12],
        [0x0d, 0x0d, 0x9b, 0xda, 230, 0, 0, 0, 0xa9, 0x5e, 0xcd, 0xc1]
    );
    assert_eq!(init[init.len() - 4..], 0xc4f9186b_u32.to_le_bytes());
}

#[test]
fn acts_on_typed_errors() {
    let sent = enums::Updates::TooLong(types::UpdatesTooLong {}).to_bytes();
    assert_eq!(after_send(&sent).unwrap(), Next::Done);
    assert_eq!(
        after_send(&rpc_error(420, "FLOOD_WAIT_30")).unwrap(),
        Next::RetryAfter(30)
    );
    assert_eq!(
        after_send(&rpc_error(420, "SLOWMODE_WAIT_5")).unwrap(),
        Next::RetryAfter(5)
    );
    let forbidden = after_send(&rpc_error(403, "CHAT_WRITE_FORBIDDEN")).unwrap();
    assert_eq!(forbidden, Next::GiveUp("cannot write here"));
    assert_eq!(
        after_send(&rpc_error(400, "PEER_ID_INVALID")).unwrap(),
        Next::Failed(400)
    );
    assert!(after_send(&rpc_error(400, "PEER_ID_INVALID")[..9]).is_err());

    let missing = after_resolve(&rpc_error(400, "USERNAME_NOT_OCCUPIED")).unwrap();
    assert_eq!(missing, Next::GiveUp("no such username"));
    assert_eq!(
        after_resolve(&rpc_error(420, "FLOOD_WAIT_7")).unwrap(),
        Next::RetryAfter(7)
    );

    let poor = after_payment(&rpc_error(400, "BALANCE_TOO_LOW")).unwrap();
    assert_eq!(poor, Next::GiveUp("balance too low"));
    assert_eq!(
        after_payment(&rpc_error(500, "SOMETHING_ELSE")).unwrap(),
        Next::Failed(500)
    );
    let paid = enums::payments::PaymentResult::PaymentResult(types::payments::PaymentResult {
        updates: Box::new(enums::Updates::TooLong(types::UpdatesTooLong {})),
    });
    assert_eq!(after_payment(&paid.to_bytes()).unwrap(), Next::Done);
}
