//! Messages of the shared store: `duijie push`, `duijie pull` and a server address given to
//! a command that does not take one yet.

catalogue! {
/// One message about the shared database.
pub enum StoreMsg {
    Pushed => ("已复制到 {}：{} 条需求/成果、{} 个对接、{} 条跟进、{} 个单位、{} 位联系人",
               "copied to {}: {} demands/results, {} pairs, {} follow-ups, {} organisations, {} contacts"),
    Pulled => ("已从共享库写出本地副本 {}：{} 条需求/成果、{} 个对接、{} 条跟进",
               "wrote a local copy of the shared database to {}: {} demands/results, {} pairs, {} follow-ups"),
    Copying => ("复制 {}：{} 行", "copying {}: {} rows"),
    PullNeedsServer => ("pull 从共享库复制：请用 --db postgres://… 指定共享库（现在是 {}）",
                        "pull copies a shared database: name it with --db postgres://… (now {})"),
    PushNeedsServer => ("--to 需要共享库地址 postgres://…（收到 {}）",
                        "--to needs a shared database address postgres://… (got {})"),
    ReadOnlyRole => ("{}：此登录只能读取共享库，未写入任何内容——请向共享库管理员申请写权限",
                     "{}: this login may only read the shared database; nothing was written — ask whoever runs it for write rights"),
    Lost => ("与共享库的连接已断开（{}），未写入任何内容——请检查网络后重试",
             "the connection to the shared database was lost ({}); nothing was written — check the network and try again"),
    FileOnly => ("此命令作用于数据库文件，共享库（{}）没有文件；`duijie --db {} pull --to 文件` 可写出本地副本",
                 "this command works on a database file, and the shared database ({}) is not one; `duijie --db {} pull --to FILE` writes a local copy"),
    DeskOffline => ("与共享库的连接已断开（{}）：正在重试，已输入的内容都保留着",
                    "lost the connection to the shared database ({}): retrying; nothing typed is lost"),
    DeskOnline => ("已重新连接共享库", "reconnected to the shared database"),
}
}
