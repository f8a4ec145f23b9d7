// relaisctl subscription add, subscription cancel, hold add, holiday-address add, delivery-list.

#include "cli.h"
#include "deliverylist.h"
#include "jsonview.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace Relais::Cli {
namespace {

std::optional<Subscriber> subscriberOption(Context &ctx, Store &store, const QCommandLineParser &p,
                                           const QString &name, int &code)
{
    bool ok = false;
    const qint64 number = p.value(name).trimmed().toLongLong(&ok);
    auto s = ok ? store.subscriberByNumber(number) : std::nullopt;
    if (!s)
        code = ctx.failInvalid(name, QStringLiteral("subscriber.unknown"),
                               QCoreApplication::translate("Relais",
                                                           "No subscriber has number \"%1\".")
                                   .arg(p.value(name)));
    return s;
}

int runSubscriptionAdd(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(valueOption(QStringLiteral("subscriber"),
                            QStringLiteral("Number of the recipient (who receives the paper)."),
                            QStringLiteral("NUMBER")));
    p.addOption(valueOption(QStringLiteral("offer"), QStringLiteral("Offer code."),
                            QStringLiteral("CODE")));
    p.addOption(valueOption(QStringLiteral("start"),
                            QStringLiteral("First issue date, YYYY-MM-DD."),
                            QStringLiteral("DATE")));
    p.addOption(valueOption(QStringLiteral("end"),
                            QStringLiteral(
                                "Last issue date (default: start + the offer's months - 1 day)."),
                            QStringLiteral("DATE")));
    p.addOption(valueOption(QStringLiteral("copies"),
                            QStringLiteral("Copies per issue (default 1)."), QStringLiteral("N")));
    p.addOption(valueOption(QStringLiteral("payer"),
                            QStringLiteral("Number of the payer, when not the recipient."),
                            QStringLiteral("NUMBER")));
    p.addOption(QCommandLineOption(QStringLiteral("auto-renew"),
                                   QStringLiteral("Renew automatically at the end of term.")));
    if (auto stop = parse(ctx, p, QStringLiteral("Add a subscription and print its id.")))
        return *stop;
    if (!p.isSet(QStringLiteral("subscriber")))
        return ctx.usageError(QStringLiteral("--subscriber is required"));
    if (!p.isSet(QStringLiteral("offer")))
        return ctx.usageError(QStringLiteral("--offer is required"));
    int code = ExitOk;
    const auto start = dateOption(ctx, p, QStringLiteral("start"), true, code);
    if (!start)
        return code;
    const auto end = dateOption(ctx, p, QStringLiteral("end"), false, code);
    if (code != ExitOk)
        return code;
    const auto copies = intOption(ctx, p, QStringLiteral("copies"), 1, 999, false, code);
    if (code != ExitOk)
        return code;
    Store *store = ctx.store();
    if (!store)
        return ctx.failStoreOpen();
    const auto recipient = subscriberOption(ctx, *store, p, QStringLiteral("subscriber"), code);
    if (!recipient)
        return code;
    std::optional<Subscriber> payer = recipient;
    if (p.isSet(QStringLiteral("payer"))
        && !(payer = subscriberOption(ctx, *store, p, QStringLiteral("payer"), code)))
        return code;
    const auto offer = store->offerByCode(p.value(QStringLiteral("offer")));
    if (!offer)
        return ctx.failInvalid(QStringLiteral("offer"), QStringLiteral("offer.unknown"),
                               QCoreApplication::translate("Relais",
                                                           "No offer has the code \"%1\".")
                                   .arg(p.value(QStringLiteral("offer"))));
    Subscription s;
    s.recipientId = recipient->meta.id;
    s.payerId = payer->meta.id;
    s.offerId = offer->meta.id;
    s.start = *start;
    s.end = end.value_or(QDate());
    s.copies = int(copies.value_or(1));
    s.autoRenew = p.isSet(QStringLiteral("auto-renew"));
    auto r = store->addSubscription(s);
    if (!r)
        return ctx.fail(r.error());
    ctx.out() << r->meta.id << '\n';
    return ExitOk;
}

int runSubscriptionCancel(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(valueOption(QStringLiteral("date"),
                            QStringLiteral(
                                "Cancellation date: the last issue delivered is the day before."),
                            QStringLiteral("DATE")));
    p.addOption(valueOption(QStringLiteral("reason"), QStringLiteral("Why the reader cancels."),
                            QStringLiteral("TEXT")));
    if (auto stop = parse(ctx, p, QStringLiteral("Cancel a subscription at a date."),
                          QStringLiteral("ID"), 1, 1))
        return *stop;
    int code = ExitOk;
    const auto date = dateOption(ctx, p, QStringLiteral("date"), true, code);
    if (!date)
        return code;
    if (!p.isSet(QStringLiteral("reason")))
        return ctx.usageError(QStringLiteral("--reason is required"));
    Store *store = ctx.store();
    if (!store)
        return ctx.failStoreOpen();
    auto r = store->cancelSubscription(p.positionalArguments().first().trimmed(), *date,
                                       p.value(QStringLiteral("reason")));
    if (!r)
        return ctx.fail(r.error());
    ctx.out() << r->meta.id << " cancelled from " << r->cancelDate.toString(Qt::ISODate) << '\n';
    return ExitOk;
}

int addDeliveryChange(Context &ctx, DeliveryChangeKind kind)
{
    const bool hold = kind == DeliveryChangeKind::Hold;
    QCommandLineParser p;
    p.addOption(valueOption(QStringLiteral("subscription"), QStringLiteral("Subscription id."),
                            QStringLiteral("ID")));
    p.addOption(valueOption(QStringLiteral("from"),
                            QStringLiteral("First day, YYYY-MM-DD (inclusive)."),
                            QStringLiteral("DATE")));
    p.addOption(valueOption(QStringLiteral("to"),
                            QStringLiteral("Last day, YYYY-MM-DD (inclusive)."),
                            QStringLiteral("DATE")));
    if (hold)
        p.addOption(
            QCommandLineOption(QStringLiteral("extend"),
                               QStringLiteral(
                                   "Give the missed issues back by pushing the end date.")));
    else
        addAddressOptions(p);
    if (auto stop = parse(ctx, p,
                          hold
                              ? QStringLiteral("Suspend delivery (holiday stop) between two dates.")
                              : QStringLiteral(
                                  "Deliver to a temporary (holiday) address between two dates.")))
        return *stop;
    if (!p.isSet(QStringLiteral("subscription")))
        return ctx.usageError(QStringLiteral("--subscription is required"));
    int code = ExitOk;
    const auto from = dateOption(ctx, p, QStringLiteral("from"), true, code);
    if (!from)
        return code;
    const auto to = dateOption(ctx, p, QStringLiteral("to"), true, code);
    if (!to)
        return code;
    Store *store = ctx.store();
    if (!store)
        return ctx.failStoreOpen();
    DeliveryChange c;
    c.kind = kind;
    c.subscriptionId = p.value(QStringLiteral("subscription")).trimmed();
    c.from = *from;
    c.to = *to;
    if (hold)
        c.compensation = p.isSet(QStringLiteral("extend")) ? HoldCompensation::ExtendEnd
                                                           : HoldCompensation::None;
    else
        c.address = addressFrom(p);
    auto r = store->addDeliveryChange(c);
    if (!r)
        return ctx.fail(r.error());
    ctx.out() << r->meta.id << '\n';
    return ExitOk;
}

int runHoldAdd(Context &ctx)
{
    return addDeliveryChange(ctx, DeliveryChangeKind::Hold);
}

int runHolidayAddressAdd(Context &ctx)
{
    return addDeliveryChange(ctx, DeliveryChangeKind::TemporaryAddress);
}

// hold change / holiday-address change, hold remove / holiday-address remove.
int editDeliveryChange(Context &ctx, DeliveryChangeKind kind, bool remove)
{
    QCommandLineParser p;
    if (!remove) {
        p.addOption(valueOption(QStringLiteral("from"),
                                QStringLiteral("New first day, YYYY-MM-DD (inclusive)."),
                                QStringLiteral("DATE")));
        p.addOption(valueOption(QStringLiteral("to"),
                                QStringLiteral("New last day, YYYY-MM-DD (inclusive)."),
                                QStringLiteral("DATE")));
    }
    const bool hold = kind == DeliveryChangeKind::Hold;
    const QString what = hold ? QStringLiteral("hold") : QStringLiteral("holiday address");
    if (auto stop = parse(
            ctx, p,
            remove
                ? QStringLiteral("Remove a %1 (missed issues given back are taken back).").arg(what)
                : QStringLiteral("Change the dates of a %1 (a reader back early, a longer stay).")
                      .arg(what),
            QStringLiteral("ID"), 1, 1))
        return *stop;
    int code = ExitOk;
    std::optional<QDate> from, to;
    if (!remove) {
        from = dateOption(ctx, p, QStringLiteral("from"), true, code);
        if (!from)
            return code;
        to = dateOption(ctx, p, QStringLiteral("to"), true, code);
        if (!to)
            return code;
    }
    Store *store = ctx.store();
    if (!store)
        return ctx.failStoreOpen();
    const QString id = p.positionalArguments().first().trimmed();
    const auto current = store->deliveryChangeById(id);
    if (!current || current->meta.deleted || current->kind != kind)
        return ctx.failInvalid(QStringLiteral("id"), QStringLiteral("delivery_change.unknown"),
                               QCoreApplication::translate("Relais", "No %1 has the id \"%2\".")
                                   .arg(what, id));
    if (remove) {
        if (Status st = store->removeDeliveryChange(id); !st)
            return ctx.fail(st.error());
        ctx.out() << id << " removed\n";
        return ExitOk;
    }
    auto r = store->changeDeliveryChange(id, *from, *to);
    if (!r)
        return ctx.fail(r.error());
    ctx.out() << id << ' ' << r->from.toString(Qt::ISODate) << " .. " << r->to.toString(Qt::ISODate)
              << '\n';
    return ExitOk;
}

int runHoldChange(Context &ctx)
{
    return editDeliveryChange(ctx, DeliveryChangeKind::Hold, false);
}
int runHoldRemove(Context &ctx)
{
    return editDeliveryChange(ctx, DeliveryChangeKind::Hold, true);
}
int runHolidayChange(Context &ctx)
{
    return editDeliveryChange(ctx, DeliveryChangeKind::TemporaryAddress, false);
}
int runHolidayRemove(Context &ctx)
{
    return editDeliveryChange(ctx, DeliveryChangeKind::TemporaryAddress, true);
}

int runDeliveryList(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(valueOption(QStringLiteral("publication"), QStringLiteral("Title code."),
                            QStringLiteral("CODE")));
    p.addOption(valueOption(QStringLiteral("date"), QStringLiteral("Issue date, YYYY-MM-DD."),
                            QStringLiteral("DATE")));
    p.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("JSON output.")));
    if (auto stop = parse(ctx, p,
                          QStringLiteral(
                              "Who receives an issue, at which address, how many copies.")))
        return *stop;
    if (!p.isSet(QStringLiteral("publication")))
        return ctx.usageError(QStringLiteral("--publication is required"));
    int code = ExitOk;
    const auto date = dateOption(ctx, p, QStringLiteral("date"), true, code);
    if (!date)
        return code;
    Store *store = ctx.store();
    if (!store)
        return ctx.failStoreOpen();
    const auto pub = publicationOption(ctx, *store, p, code);
    if (!pub)
        return code;
    const bool json = p.isSet(QStringLiteral("json"));
    QJsonArray a;
    QTextStream &out = ctx.out();
    auto r = DeliveryListQuery(store->db()).forEach(*pub, *date, [&](const DeliveryLine &l) {
        if (json) {
            a << Json::deliveryLine(l);
        } else {
            out << l.number << '\t' << l.copies << '\t' << l.recipient().line1() << '\t'
                << l.address.line2 << '\t' << l.address.line3 << '\t' << l.address.line4 << '\t'
                << l.address.line5 << '\t' << l.address.postalCode << ' ' << l.address.city << '\t'
                << l.address.country
                << (l.temporaryAddress ? QStringLiteral("\ttemporary") : QString()) << '\n';
        }
        return true;
    });
    if (!r)
        return ctx.fail(r.error());
    if (json) {
        printJson(ctx, a);
    } else {
        out << r->lines << " line(s), " << r->copies << " copies\n";
        out.flush();
    }
    return ExitOk;
}

const Registrar subAdd({QStringLiteral("subscription add"),
                        QStringLiteral("add a subscription (prints its id)"), runSubscriptionAdd});
const Registrar subCancel({QStringLiteral("subscription cancel"),
                           QStringLiteral("cancel a subscription at a date"),
                           runSubscriptionCancel});
const Registrar holdAdd({QStringLiteral("hold add"),
                         QStringLiteral("suspend delivery between two dates"), runHoldAdd});
const Registrar holidayAdd({QStringLiteral("holiday-address add"),
                            QStringLiteral("temporary address between two dates"),
                            runHolidayAddressAdd});
const Registrar holdChange({QStringLiteral("hold change"), QStringLiteral("new dates for a hold"),
                            runHoldChange});
const Registrar holdRemove({QStringLiteral("hold remove"), QStringLiteral("remove a hold"),
                            runHoldRemove});
const Registrar holidayChange({QStringLiteral("holiday-address change"),
                               QStringLiteral("new dates for a holiday address"),
                               runHolidayChange});
const Registrar holidayRemove({QStringLiteral("holiday-address remove"),
                               QStringLiteral("remove a holiday address"), runHolidayRemove});
const Registrar delivery({QStringLiteral("delivery-list"), QStringLiteral("who receives an issue"),
                          runDeliveryList});

} // namespace
} // namespace Relais::Cli
