// relaisctl subscriber add, subscriber update, subscriber show, search.

#include "cli.h"
#include "jsonview.h"
#include "search.h"

#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cstdio>

namespace Relais::Cli {
namespace {

int runSubscriberAdd(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(valueOption(QStringLiteral("civility"), QStringLiteral("M., Mme or empty."),
                            QStringLiteral("C")));
    p.addOption(valueOption(QStringLiteral("first-name"), QStringLiteral("First name."),
                            QStringLiteral("NAME")));
    p.addOption(valueOption(QStringLiteral("last-name"), QStringLiteral("Last name."),
                            QStringLiteral("NAME")));
    p.addOption(
        valueOption(QStringLiteral("company"), QStringLiteral("Company."), QStringLiteral("NAME")));
    addAddressOptions(p);
    p.addOption(valueOption(QStringLiteral("email"), QStringLiteral("E-mail address."),
                            QStringLiteral("ADDRESS")));
    p.addOption(valueOption(QStringLiteral("phone"), QStringLiteral("Phone number."),
                            QStringLiteral("NUMBER")));
    p.addOption(
        valueOption(QStringLiteral("notes"), QStringLiteral("Notes."), QStringLiteral("TEXT")));
    p.addOption(
        valueOption(QStringLiteral("json"),
                    QStringLiteral(
                        "Read the subscriber from a JSON object in FILE ('-': standard input)."),
                    QStringLiteral("FILE")));
    if (auto stop = parse(ctx, p,
                          QStringLiteral("Add a subscriber and print the new subscriber number.")))
        return *stop;
    Subscriber s;
    if (p.isSet(QStringLiteral("json"))) {
        const QString file = p.value(QStringLiteral("json"));
        QFile f;
        const bool opened = file == u"-" ? f.open(stdin, QIODevice::ReadOnly)
                                         : (f.setFileName(file), f.open(QIODevice::ReadOnly));
        if (!opened)
            return ctx.fail(Error::make(ErrorKind::Io, QStringLiteral("io"),
                                        QCoreApplication::translate("Relais", "Cannot read %1: %2")
                                            .arg(file, f.errorString())));
        QJsonParseError perr;
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &perr);
        if (perr.error != QJsonParseError::NoError || !doc.isObject())
            return ctx.failInvalid(
                QStringLiteral("json"), QStringLiteral("json.syntax"),
                QCoreApplication::translate("Relais", "%1 is not a JSON object (%2 at offset %3).")
                    .arg(file, perr.error != QJsonParseError::NoError
                                   ? perr.errorString()
                                   : QStringLiteral("not an object"))
                    .arg(perr.offset));
        auto parsed = Json::subscriberFrom(doc.object());
        if (!parsed)
            return ctx.fail(parsed.error());
        s = parsed.value();
    } else {
        s.civility = p.value(QStringLiteral("civility"));
        s.firstName = p.value(QStringLiteral("first-name"));
        s.lastName = p.value(QStringLiteral("last-name"));
        s.company = p.value(QStringLiteral("company"));
        s.address = addressFrom(p);
        s.email = p.value(QStringLiteral("email"));
        s.phone = p.value(QStringLiteral("phone"));
        s.notes = p.value(QStringLiteral("notes"));
    }
    Store *store = ctx.store();
    if (!store)
        return ctx.failStoreOpen();
    auto r = store->addSubscriber(s);
    if (!r)
        return ctx.fail(r.error());
    ctx.out() << r->number << '\n';
    return ExitOk;
}

// The subscriber's text behind a JSON field name ("first_name"); nullptr for another name.
QString *subscriberText(Subscriber &s, const QString &field)
{
    const std::pair<const char *, QString *> fields[] = {{"civility", &s.civility},
                                                         {"first_name", &s.firstName},
                                                         {"last_name", &s.lastName},
                                                         {"company", &s.company},
                                                         {"line2", &s.address.line2},
                                                         {"line3", &s.address.line3},
                                                         {"line4", &s.address.line4},
                                                         {"line5", &s.address.line5},
                                                         {"postal_code", &s.address.postalCode},
                                                         {"city", &s.address.city},
                                                         {"country", &s.address.country},
                                                         {"email", &s.email},
                                                         {"phone", &s.phone},
                                                         {"consents", &s.consents},
                                                         {"notes", &s.notes},
                                                         {"insee_code", &s.address.inseeCode}};
    for (const auto &[name, text] : fields)
        if (field == QLatin1StringView(name))
            return text;
    return nullptr;
}

int runSubscriberUpdate(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(valueOption(QStringLiteral("civility"), QStringLiteral("M., Mme or empty."),
                            QStringLiteral("C")));
    p.addOption(valueOption(QStringLiteral("first-name"), QStringLiteral("First name."),
                            QStringLiteral("NAME")));
    p.addOption(valueOption(QStringLiteral("last-name"), QStringLiteral("Last name."),
                            QStringLiteral("NAME")));
    p.addOption(
        valueOption(QStringLiteral("company"), QStringLiteral("Company."), QStringLiteral("NAME")));
    addAddressOptions(p);
    p.addOption(valueOption(QStringLiteral("email"), QStringLiteral("E-mail address."),
                            QStringLiteral("ADDRESS")));
    p.addOption(valueOption(QStringLiteral("phone"), QStringLiteral("Phone number."),
                            QStringLiteral("NUMBER")));
    p.addOption(
        valueOption(QStringLiteral("notes"), QStringLiteral("Notes."), QStringLiteral("TEXT")));
    p.addOption(valueOption(
        QStringLiteral("json"),
        QStringLiteral(
            "Read the fields to change from a JSON object in FILE ('-': standard input)."),
        QStringLiteral("FILE")));
    if (auto stop = parse(
            ctx, p,
            QStringLiteral(
                "Change the given fields of a subscriber (an empty value clears a field); "
                "the others stay as they are."),
            QStringLiteral("NUMBER"), 1, 1))
        return *stop;
    bool ok = false;
    const qint64 number = p.positionalArguments().first().toLongLong(&ok);
    if (!ok || number <= 0)
        return ctx.failInvalid(QStringLiteral("number"), QStringLiteral("number.format"),
                               QCoreApplication::translate("Relais",
                                                           "\"%1\" is not a subscriber number.")
                                   .arg(p.positionalArguments().first()));
    // Option -> field, and the fields given.
    const std::pair<const char *, const char *> options[] = {{"civility", "civility"},
                                                             {"first-name", "first_name"},
                                                             {"last-name", "last_name"},
                                                             {"company", "company"},
                                                             {"line2", "line2"},
                                                             {"line3", "line3"},
                                                             {"line4", "line4"},
                                                             {"line5", "line5"},
                                                             {"postal-code", "postal_code"},
                                                             {"city", "city"},
                                                             {"country", "country"},
                                                             {"email", "email"},
                                                             {"phone", "phone"},
                                                             {"notes", "notes"}};
    QHash<QString, QString> given;
    for (const auto &[option, field] : options)
        if (p.isSet(QLatin1StringView(option)))
            given.insert(QLatin1StringView(field), p.value(QLatin1StringView(option)));
    if (p.isSet(QStringLiteral("json"))) {
        if (!given.isEmpty())
            return ctx.usageError(QStringLiteral("--json cannot be combined with field options."));
        const QString file = p.value(QStringLiteral("json"));
        QFile f;
        const bool opened = file == u"-" ? f.open(stdin, QIODevice::ReadOnly)
                                         : (f.setFileName(file), f.open(QIODevice::ReadOnly));
        if (!opened)
            return ctx.fail(Error::make(ErrorKind::Io, QStringLiteral("io"),
                                        QCoreApplication::translate("Relais", "Cannot read %1: %2")
                                            .arg(file, f.errorString())));
        QJsonParseError perr;
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &perr);
        if (perr.error != QJsonParseError::NoError || !doc.isObject())
            return ctx.failInvalid(
                QStringLiteral("json"), QStringLiteral("json.syntax"),
                QCoreApplication::translate("Relais", "%1 is not a JSON object (%2 at offset %3).")
                    .arg(file, perr.error != QJsonParseError::NoError
                                   ? perr.errorString()
                                   : QStringLiteral("not an object"))
                    .arg(perr.offset));
        // The same field checks as subscriber add; only the fields present change.
        if (auto parsed = Json::subscriberFrom(doc.object()); !parsed)
            return ctx.fail(parsed.error());
        const QJsonObject o = doc.object();
        for (auto it = o.begin(); it != o.end(); ++it)
            given.insert(it.key(), it.value().toString());
    }
    if (given.isEmpty())
        return ctx.usageError(
            QStringLiteral("nothing to change: give at least one field option or --json."));
    Store *store = ctx.store();
    if (!store)
        return ctx.failStoreOpen();
    // What the command saw before its write is the base of the change: a field someone changed on
    // the server meanwhile comes back as a conflict instead of being overwritten.
    const auto seen = store->subscriberByNumber(number);
    if (!seen)
        return ctx.fail(
            Error::make(ErrorKind::NotFound, QStringLiteral("subscriber.unknown"),
                        QCoreApplication::translate("Relais", "No subscriber has number %1.")
                            .arg(number)));
    Subscriber edited = *seen;
    for (auto it = given.cbegin(); it != given.cend(); ++it)
        if (QString *text = subscriberText(edited, it.key()))
            *text = it.value();
    auto r = store->updateSubscriber(edited, *seen);
    if (!r)
        return ctx.fail(r.error());
    ctx.out() << r->number << '\n';
    return ExitOk;
}

int runSubscriberShow(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("JSON output.")));
    if (auto stop = parse(ctx, p,
                          QStringLiteral(
                              "Show a subscriber, its subscriptions, holds and holiday addresses."),
                          QStringLiteral("NUMBER"), 1, 1))
        return *stop;
    bool ok = false;
    const qint64 number = p.positionalArguments().first().toLongLong(&ok);
    if (!ok || number <= 0)
        return ctx.failInvalid(QStringLiteral("number"), QStringLiteral("number.format"),
                               QCoreApplication::translate("Relais",
                                                           "\"%1\" is not a subscriber number.")
                                   .arg(p.positionalArguments().first()));
    Store *store = ctx.store();
    if (!store)
        return ctx.failStoreOpen();
    const auto s = store->subscriberByNumber(number);
    if (!s)
        return ctx.fail(
            Error::make(ErrorKind::NotFound, QStringLiteral("subscriber.unknown"),
                        QCoreApplication::translate("Relais", "No subscriber has number %1.")
                            .arg(number)));
    const auto subs = store->subscriptionsOf(s->meta.id);
    if (p.isSet(QStringLiteral("json"))) {
        QJsonObject o = Json::subscriber(*s);
        QJsonArray a;
        for (const Subscription &sub : subs) {
            QJsonObject j = Json::subscription(sub);
            if (auto offer = store->offerById(sub.offerId))
                j.insert(QStringLiteral("offer"), offer->code);
            QJsonArray changes;
            for (const DeliveryChange &c : store->deliveryChangesOf(sub.meta.id))
                changes << Json::deliveryChange(c);
            j.insert(QStringLiteral("delivery_changes"), changes);
            a << j;
        }
        o.insert(QStringLiteral("subscriptions"), a);
        printJson(ctx, o);
        return ExitOk;
    }
    QTextStream &out = ctx.out();
    out << "Subscriber " << s->number << "  (" << s->meta.id << ")\n";
    for (const QString &line :
         QStringList{s->line1(), s->address.line2, s->address.line3, s->address.line4,
                     s->address.line5, QString(s->address.postalCode + u' ' + s->address.city),
                     s->address.country})
        if (!line.trimmed().isEmpty())
            out << "  " << line << '\n';
    if (!s->email.isEmpty())
        out << "  e-mail " << s->email << '\n';
    if (!s->phone.isEmpty())
        out << "  phone  " << s->phone << '\n';
    for (const Subscription &sub : subs) {
        const auto offer = store->offerById(sub.offerId);
        const auto changes = store->deliveryChangesOf(sub.meta.id);
        out << "Subscription " << sub.meta.id << "  " << (offer ? offer->code : QString()) << "  "
            << sub.start.toString(Qt::ISODate) << " .. " << sub.end.toString(Qt::ISODate)
            << "  copies " << sub.copies << "  "
            << statusCode(subscriptionStatusOn(sub, QDate::currentDate(), changes));
        if (sub.payerId != s->meta.id)
            out << (sub.recipientId == s->meta.id ? "  (paid by another subscriber)"
                                                  : "  (pays for another subscriber)");
        if (sub.cancelDate.isValid())
            out << "  cancelled from " << sub.cancelDate.toString(Qt::ISODate) << ": "
                << sub.cancelReason;
        out << '\n';
        for (const DeliveryChange &c : changes)
            out << "  " << (c.kind == DeliveryChangeKind::Hold ? "hold    " : "holiday ")
                << c.from.toString(Qt::ISODate) << " .. " << c.to.toString(Qt::ISODate)
                << (c.kind == DeliveryChangeKind::TemporaryAddress
                        ? u' ' + c.address.line4 + u' ' + c.address.postalCode + u' '
                              + c.address.city
                        : QString())
                << '\n';
    }
    out.flush();
    return ExitOk;
}

int runSearch(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(valueOption(QStringLiteral("limit"),
                            QStringLiteral("At most N results (default 20)."),
                            QStringLiteral("N")));
    p.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("JSON output.")));
    if (auto stop = parse(
            ctx, p,
            QStringLiteral(
                "Find subscribers by name, company, number, postal code, town, e-mail or phone.\n"
                "Every word is a prefix; accents and case do not matter."),
            QStringLiteral("QUERY..."), 1, 64))
        return *stop;
    int code = ExitOk;
    const qint64 limit = intOption(ctx, p, QStringLiteral("limit"), 1, 1000, false, code)
                             .value_or(20);
    if (code != ExitOk)
        return code;
    Store *store = ctx.store();
    if (!store)
        return ctx.failStoreOpen();
    auto hits = SubscriberSearch(store->db()).run(p.positionalArguments().join(u' '), int(limit));
    if (!hits)
        return ctx.fail(hits.error());
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray a;
        for (const SearchHit &h : *hits)
            a << Json::searchHit(h);
        printJson(ctx, a);
        return ExitOk;
    }
    for (const SearchHit &h : *hits) {
        const QString name = h.lastName.isEmpty() ? h.company
                                                  : h.lastName.toUpper() + u' ' + h.firstName;
        ctx.out() << QString::number(h.number).rightJustified(8) << "  " << name.leftJustified(30)
                  << "  " << h.postalCode << ' ' << h.city
                  << (h.email.isEmpty() ? QString() : QStringLiteral("  ") + h.email)
                  << (h.phone.isEmpty() ? QString() : QStringLiteral("  ") + h.phone) << '\n';
    }
    ctx.out().flush();
    return ExitOk;
}

const Registrar add({QStringLiteral("subscriber add"),
                     QStringLiteral("add a subscriber (prints its number)"), runSubscriberAdd});
const Registrar update({QStringLiteral("subscriber update"),
                        QStringLiteral("change some fields of a subscriber"), runSubscriberUpdate});
const Registrar show({QStringLiteral("subscriber show"),
                      QStringLiteral("show a subscriber and its subscriptions"),
                      runSubscriberShow});
const Registrar search({QStringLiteral("search"), QStringLiteral("find subscribers"), runSearch});

} // namespace
} // namespace Relais::Cli
