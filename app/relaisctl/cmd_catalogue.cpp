// relaisctl publication add, offer add, publications, offers.

#include "cli.h"
#include "jsonview.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLocale>

namespace Relais::Cli {
namespace {

int runPublicationAdd(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(
        valueOption(QStringLiteral("name"), QStringLiteral("Title name."), QStringLiteral("NAME")));
    p.addOption(valueOption(QStringLiteral("weekdays"),
                            QStringLiteral("Issue days, Monday = 1: \"1-6\", \"7\", \"1,3,5\"."),
                            QStringLiteral("DAYS")));
    p.addOption(valueOption(QStringLiteral("cutoff"),
                            QStringLiteral("Daily cut-off time HH:MM (default 14:00)."),
                            QStringLiteral("HH:MM")));
    p.addOption(
        valueOption(QStringLiteral("periodicity"),
                    QStringLiteral("daily, weekly or monthly (default: from the weekdays)."),
                    QStringLiteral("P")));
    if (auto stop = parse(ctx, p, QStringLiteral("Add a title."), QStringLiteral("CODE"), 1, 1))
        return *stop;
    if (!p.isSet(QStringLiteral("name")))
        return ctx.usageError(QStringLiteral("--name is required"));
    if (!p.isSet(QStringLiteral("weekdays")))
        return ctx.usageError(QStringLiteral("--weekdays is required"));
    Publication pub;
    pub.code = p.positionalArguments().first();
    pub.name = p.value(QStringLiteral("name"));
    const auto days = Weekdays::parse(p.value(QStringLiteral("weekdays")));
    if (!days)
        return ctx.failInvalid(
            QStringLiteral("weekdays"), QStringLiteral("weekdays.format"),
            QCoreApplication::translate(
                "Relais",
                "\"%1\" is not a list of weekdays 1 (Monday) to 7 (Sunday), such as 1-6 or 1,3,5.")
                .arg(p.value(QStringLiteral("weekdays"))));
    pub.weekdays = *days;
    if (p.isSet(QStringLiteral("cutoff"))) {
        pub.cutoff = QTime::fromString(p.value(QStringLiteral("cutoff")).trimmed(),
                                       QStringLiteral("HH:mm"));
        if (!pub.cutoff.isValid())
            return ctx.failInvalid(QStringLiteral("cutoff"), QStringLiteral("cutoff.format"),
                                   QCoreApplication::translate("Relais",
                                                               "\"%1\" is not a time; write HH:MM.")
                                       .arg(p.value(QStringLiteral("cutoff"))));
    }
    if (p.isSet(QStringLiteral("periodicity"))) {
        const auto per = periodicityFromCode(p.value(QStringLiteral("periodicity")));
        if (!per)
            return ctx.failInvalid(
                QStringLiteral("periodicity"), QStringLiteral("periodicity.unknown"),
                QCoreApplication::translate("Relais", "Periodicity is daily, weekly or monthly."));
        pub.periodicity = *per;
    } else {
        pub.periodicity = pub.weekdays.count() >= 5 ? Periodicity::Daily : Periodicity::Weekly;
    }
    Store *store = ctx.store();
    if (!store)
        return ctx.failStoreOpen();
    auto r = store->addPublication(pub);
    if (!r)
        return ctx.fail(r.error());
    ctx.out() << r->code << '\n';
    return ExitOk;
}

int runOfferAdd(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(valueOption(QStringLiteral("publication"), QStringLiteral("Code of the title."),
                            QStringLiteral("CODE")));
    p.addOption(valueOption(QStringLiteral("months"), QStringLiteral("Duration in months."),
                            QStringLiteral("N")));
    p.addOption(valueOption(QStringLiteral("price-cents"), QStringLiteral("Price in euro cents."),
                            QStringLiteral("N")));
    p.addOption(valueOption(QStringLiteral("label"), QStringLiteral("Label shown to clerks."),
                            QStringLiteral("TEXT")));
    p.addOption(valueOption(QStringLiteral("channel"),
                            QStringLiteral("print, digital or both (default print)."),
                            QStringLiteral("C")));
    if (auto stop = parse(ctx, p, QStringLiteral("Add an offer of a title."),
                          QStringLiteral("CODE"), 1, 1))
        return *stop;
    if (!p.isSet(QStringLiteral("publication")))
        return ctx.usageError(QStringLiteral("--publication is required"));
    int code = ExitOk;
    const auto months = intOption(ctx, p, QStringLiteral("months"), 1, 120, true, code);
    if (!months)
        return code;
    const auto price = intOption(ctx, p, QStringLiteral("price-cents"), 0, 100'000'000, true, code);
    if (!price)
        return code;
    Store *store = ctx.store();
    if (!store)
        return ctx.failStoreOpen();
    const auto pub = publicationOption(ctx, *store, p, code);
    if (!pub)
        return code;
    Offer o;
    o.code = p.positionalArguments().first();
    o.publicationId = pub->meta.id;
    o.months = int(*months);
    o.priceCents = *price;
    o.label = p.value(QStringLiteral("label"));
    if (p.isSet(QStringLiteral("channel"))) {
        const auto ch = channelFromCode(p.value(QStringLiteral("channel")));
        if (!ch)
            return ctx
                .failInvalid(QStringLiteral("channel"), QStringLiteral("channel.unknown"),
                             QCoreApplication::translate("Relais",
                                                         "Channel is print, digital or both."));
        o.channel = *ch;
    }
    auto r = store->addOffer(o);
    if (!r)
        return ctx.fail(r.error());
    ctx.out() << r->code << '\n';
    return ExitOk;
}

int runPublications(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("JSON output.")));
    if (auto stop = parse(ctx, p, QStringLiteral("List the titles.")))
        return *stop;
    Store *store = ctx.store();
    if (!store)
        return ctx.failStoreOpen();
    const auto list = store->publications();
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray a;
        for (const Publication &pub : list)
            a << Json::publication(pub);
        printJson(ctx, a);
        return ExitOk;
    }
    for (const Publication &pub : list)
        ctx.out() << pub.code.leftJustified(10) << pub.name.leftJustified(40) << ' '
                  << periodicityCode(pub.periodicity).leftJustified(8) << " days "
                  << pub.weekdays.toString() << "  cut-off "
                  << pub.cutoff.toString(QStringLiteral("HH:mm")) << '\n';
    ctx.out().flush();
    return ExitOk;
}

int runOffers(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("JSON output.")));
    if (auto stop = parse(ctx, p, QStringLiteral("List the offers.")))
        return *stop;
    Store *store = ctx.store();
    if (!store)
        return ctx.failStoreOpen();
    const auto list = store->offers();
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray a;
        for (const Offer &o : list) {
            QJsonObject j = Json::offer(o);
            if (auto pub = store->publicationById(o.publicationId))
                j.insert(QStringLiteral("publication"), pub->code);
            a << j;
        }
        printJson(ctx, a);
        return ExitOk;
    }
    for (const Offer &o : list) {
        const auto pub = store->publicationById(o.publicationId);
        ctx.out() << o.code.leftJustified(12) << (pub ? pub->code : QString()).leftJustified(8)
                  << QString::number(o.months).rightJustified(3) << " months "
                  << QStringLiteral("%1.%2")
                         .arg(o.priceCents / 100)
                         .arg(o.priceCents % 100, 2, 10, QLatin1Char('0'))
                         .rightJustified(9)
                  << " EUR  " << channelCode(o.channel).leftJustified(8) << o.label << '\n';
    }
    ctx.out().flush();
    return ExitOk;
}

const Registrar pubAdd({QStringLiteral("publication add"), QStringLiteral("add a title"),
                        runPublicationAdd});
const Registrar offerAdd({QStringLiteral("offer add"), QStringLiteral("add an offer of a title"),
                          runOfferAdd});
const Registrar pubs({QStringLiteral("publications"), QStringLiteral("list the titles"),
                      runPublications});
const Registrar offs({QStringLiteral("offers"), QStringLiteral("list the offers"), runOffers});

} // namespace
} // namespace Relais::Cli
