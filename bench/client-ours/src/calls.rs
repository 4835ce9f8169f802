//! Building and encoding the calls a bot makes.

use crate::tl::{enums, functions, types, Serializable};

/// The user and the channel a bot talks to, with their access hashes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chat {
    /// The user's id.
    pub user_id: i64,
    /// The user's access hash.
    pub user_hash: i64,
    /// The channel's id.
    pub channel_id: i64,
    /// The channel's access hash.
    pub channel_hash: i64,
}

impl Chat {
    /// The user as an input peer.
    fn peer(&self) -> enums::InputPeer {
        enums::InputPeer::User(types::InputPeerUser {
            user_id: self.user_id,
            access_hash: self.user_hash,
        })
    }

    /// The user as an input user.
    fn user(&self) -> enums::InputUser {
        enums::InputUser::InputUser(types::InputUser {
            user_id: self.user_id,
            access_hash: self.user_hash,
        })
    }

    /// The channel as an input channel.
    fn channel(&self) -> enums::InputChannel {
        enums::InputChannel::InputChannel(types::InputChannel {
            channel_id: self.channel_id,
            access_hash: self.channel_hash,
        })
    }
}

/// The first call on a connection: `help.getConfig` inside `initConnection` inside
/// `invokeWithLayer`, encoded.
pub fn init_connection(api_id: i32) -> Vec<u8> {
    functions::InvokeWithLayer {
        layer: crate::tl::LAYER,
        query: functions::InitConnection {
            api_id,
            device_model: "server".into(),
            system_version: "Linux".into(),
            app_version: crate::APP_VERSION.into(),
            system_lang_code: "en".into(),
            lang_pack: String::new(),
            lang_code: "en".into(),
            proxy: None,
            params: None,
            query: functions::help::GetConfig {},
        },
    }
    .to_bytes()
}

/// Twenty calls a bot makes in `chat`, each encoded.
pub fn requests(chat: &Chat, text: &str) -> Vec<Vec<u8>> {
    let send = functions::messages::SendMessage {
        no_webpage: true,
        silent: false,
        background: false,
        clear_draft: false,
        noforwards: false,
        update_stickersets_order: false,
        invert_media: false,
        allow_paid_floodskip: false,
        peer: chat.peer(),
        reply_to: None,
        message: text.into(),
        random_id: 7,
        reply_markup: None,
        entities: None,
        schedule_date: None,
        schedule_repeat_period: None,
        send_as: None,
        quick_reply_shortcut: None,
        effect: None,
        allow_paid_stars: None,
        suggested_post: None,
        rich_message: None,
    };
    let history = functions::messages::GetHistory {
        peer: chat.peer(),
        offset_id: 0,
        offset_date: 0,
        add_offset: 0,
        limit: 100,
        max_id: 0,
        min_id: 0,
        hash: 0,
    };
    let edit = functions::messages::EditMessage {
        no_webpage: false,
        invert_media: false,
        peer: chat.peer(),
        id: 10,
        message: Some(format!("{text} (edited)")),
        media: None,
        reply_markup: None,
        entities: None,
        schedule_date: None,
        schedule_repeat_period: None,
        quick_reply_shortcut_id: None,
        rich_message: None,
    };
    let forward = functions::messages::ForwardMessages {
        silent: true,
        background: false,
        with_my_score: false,
        drop_author: false,
        drop_media_captions: false,
        noforwards: false,
        allow_paid_floodskip: false,
        from_ephemeral: false,
        from_peer: chat.peer(),
        id: vec![10, 11],
        random_id: vec![1, 2],
        to_peer: enums::InputPeer::Channel(types::InputPeerChannel {
            channel_id: chat.channel_id,
            access_hash: chat.channel_hash,
        }),
        top_msg_id: None,
        reply_to: None,
        schedule_date: None,
        schedule_repeat_period: None,
        send_as: None,
        quick_reply_shortcut: None,
        effect: None,
        video_timestamp: None,
        allow_paid_stars: None,
        suggested_post: None,
    };
    let file = functions::upload::GetFile {
        precise: true,
        cdn_supported: false,
        location: enums::InputFileLocation::InputPeerPhotoFileLocation(
            types::InputPeerPhotoFileLocation {
                big: true,
                peer: chat.peer(),
                photo_id: 99,
            },
        ),
        offset: 0,
        limit: 512 * 1024,
    };
    let commands = functions::bots::SetBotCommands {
        scope: enums::BotCommandScope::Default(types::BotCommandScopeDefault {}),
        lang_code: "en".into(),
        commands: ["start", "help", "stop"]
            .map(|command| {
                enums::BotCommand::BotCommand(types::BotCommand {
                    ephemeral: false,
                    command: command.into(),
                    description: format!("/{command}"),
                })
            })
            .into(),
    };
    vec![
        send.to_bytes(),
        history.to_bytes(),
        edit.to_bytes(),
        forward.to_bytes(),
        file.to_bytes(),
        commands.to_bytes(),
        functions::users::GetUsers {
            id: vec![chat.user()],
        }
        .to_bytes(),
        functions::contacts::ResolveUsername {
            username: "telegram".into(),
            referer: None,
        }
        .to_bytes(),
        functions::channels::GetParticipants {
            channel: chat.channel(),
            filter: enums::ChannelParticipantsFilter::ChannelParticipantsRecent(
                types::ChannelParticipantsRecent {},
            ),
            offset: 0,
            limit: 200,
            hash: 0,
        }
        .to_bytes(),
        functions::messages::DeleteMessages {
            revoke: true,
            id: vec![10, 11, 12],
        }
        .to_bytes(),
        functions::updates::GetDifference {
            pts: 100,
            pts_limit: None,
            pts_total_limit: Some(1000),
            date: 1_700_000_000,
            qts: 0,
            qts_limit: None,
        }
        .to_bytes(),
        functions::payments::SendStarsForm {
            form_id: 42,
            invoice: enums::InputInvoice::Slug(types::InputInvoiceSlug {
                slug: "gift".into(),
            }),
        }
        .to_bytes(),
        functions::updates::GetState {}.to_bytes(),
        functions::messages::GetDialogs {
            exclude_pinned: false,
            folder_id: None,
            offset_date: 0,
            offset_id: 0,
            offset_peer: enums::InputPeer::Empty(types::InputPeerEmpty {}),
            limit: 50,
            hash: 0,
        }
        .to_bytes(),
        functions::messages::ReadHistory {
            peer: chat.peer(),
            max_id: 12,
        }
        .to_bytes(),
        functions::messages::SetTyping {
            peer: chat.peer(),
            top_msg_id: None,
            action: enums::SendMessageAction::SendMessageTypingAction(
                types::SendMessageTypingAction {},
            ),
        }
        .to_bytes(),
        functions::channels::JoinChannel {
            channel: chat.channel(),
        }
        .to_bytes(),
        functions::messages::GetMessages {
            id: vec![enums::InputMessage::Id(types::InputMessageId { id: 10 })],
        }
        .to_bytes(),
        functions::auth::ImportBotAuthorization {
            flags: 0,
            api_id: 12345,
            api_hash: "0123456789abcdef".into(),
            bot_auth_token: "123:token".into(),
        }
        .to_bytes(),
        functions::messages::SetBotCallbackAnswer {
            alert: false,
            query_id: 5,
            message: Some("done".into()),
            url: None,
            cache_time: 0,
        }
        .to_bytes(),
    ]
}
