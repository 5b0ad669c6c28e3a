//! Messages of contracts, payments, rewards, the stats view, reports and reminders.

catalogue! {
/// One message of the contract, reward, stats, report and reminder areas.
pub enum ReportMsg {
    // — contract and payments (CLI) —
    /// A contract was saved: pair, total, paid, outstanding.
    ContractSaved => ("{}：合同已保存（合同总额 {} 万元，已收 {} 万元，未收 {} 万元）", "{}: contract saved (total {} 万元, paid {} 万元, outstanding {} 万元)"),
    /// A payment was recorded: pair, amount, date, paid, outstanding.
    PaymentRecorded => ("{}：已记录收款 {} 万元（{}）；累计已收 {} 万元，未收 {} 万元", "{}: payment of {} 万元 on {} recorded; paid {} 万元 in all, {} 万元 outstanding"),
    /// Payments now exceed the contract total.
    PaymentOverTotal => ("注意：已收款超过合同总额", "note: the payments now exceed the contract total"),
    /// Unknown payment mode: given, the keys.
    ErrUnknownPayMode => ("未知付款方式 `{}`：可用 {}", "unknown payment mode `{}`: use {}"),
    /// A --plan entry that is not DATE=AMOUNT.
    ErrBadPlan => ("--plan `{}`：应为 日期=金额，如 2026-12-01=50", "--plan `{}`: expected DATE=AMOUNT, e.g. 2026-12-01=50"),
    /// `contract P3` on a pair without one, with no options.
    NoContract => ("{}：尚无合同（从签约起记录：duijie contract {} --total … --tech …）", "{}: no contract yet (recorded from 签约 on: duijie contract {} --total … --tech …)"),

    /// The desk saved a contract: pair, paid, outstanding.
    DeskContractSaved => ("{}：合同已保存（已收 {} 万元，未收 {} 万元；u 撤销）", "{}: contract saved (paid {} 万元, {} 万元 outstanding; u undoes)"),
    /// The desk recorded a payment: pair, paid, outstanding.
    DeskPaymentSaved => ("{}：已记录到账（累计 {} 万元，未收 {} 万元；u 撤销）", "{}: payment recorded ({} 万元 paid, {} 万元 outstanding; u undoes)"),

    // — reward —
    /// No reward rule configured: the config path.
    RewardNoRule => ("未配置奖励规则：在 {} 的 [reward] 中设定 rate、cap（duijie config --default 有示例）", "no reward rule configured: set rate and cap under [reward] in {} (duijie config --default shows an example)"),
    /// The reward heading: year, rate, cap.
    RewardHeading => ("{} 年技术经纪人奖励（按实际到账技术交易额 {}，年度上限 {}）", "Broker reward {} ({} of the technology amount actually paid, capped at {} a year)"),
    /// No payments in the year.
    RewardNone => ("该年度没有已登记合同的到账款项", "no payments on registered contracts in that year"),
    /// Totals line: paid, tech paid, reward before cap, reward due.
    RewardTotals => ("合计：到账 {} 万元，其中技术交易额 {} 万元；奖励 {} 万元，应得 {} 万元", "total: paid {} 万元, of it technology {} 万元; reward {} 万元, due {} 万元"),
    /// The cap was applied.
    RewardCapped => ("（已按年度上限封顶）", "(capped at the annual limit)"),
    /// Contracts below the minimum size were left out: count, minimum.
    RewardBelowMin => ("{} 份合同低于最低合同额 {} 万元，不计奖励", "{} contracts below the minimum size of {} 万元 earn no reward"),
    /// The claim package was written: contracts, path.
    ClaimWritten => ("已写出政策兑现材料：{} 份合同 → {}", "claim package written: {} contracts → {}"),
    /// --format xlsx needs -o.
    ErrXlsxNeedsOutput => ("xlsx 格式需要 -o 文件", "the xlsx format needs -o FILE"),

    // — report and reminders —
    /// A report was written: path.
    ReportWritten => ("已写出报表 → {}", "report written → {}"),
    /// An iCalendar file was written: entries, path.
    IcsWritten => ("已写出日历：{} 条 → {}", "calendar written: {} entries → {}"),
    /// A --from/--to pair the wrong way round.
    ErrPeriodReversed => ("--from {} 晚于 --to {}", "--from {} is after --to {}"),
    /// remind: an overdue next action: pair, action, due.
    RemindOverdue => ("逾期 {}：{}（{} 到期）", "overdue {}: {} (due {})"),
    /// remind: a next action due today.
    RemindToday => ("今天 {}：{}", "today {}: {}"),
    /// remind: an overdue instalment: pair, amount, due, buyer.
    RemindInstalmentOverdue => ("逾期 {}：应收 {} 万元（{} 到期，{}）", "overdue {}: {} 万元 due {} from {}"),
    /// remind: an instalment due today.
    RemindInstalmentToday => ("今天 {}：应收 {} 万元（{}）", "today {}: {} 万元 due from {}"),
}
}
