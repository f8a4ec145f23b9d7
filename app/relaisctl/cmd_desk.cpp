// relaisctl demo, check, outbox.

#include "cli.h"
#include "demodata.h"
#include "jsonview.h"
#include "syncchecksums.h"

#include <QElapsedTimer>
#include <QJsonArray>

namespace Relais::Cli {
namespace {

int runDemo(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(valueOption(QStringLiteral("subscribers"),
                            QStringLiteral("How many subscribers to add (0: the catalogue only)."),
                            QStringLiteral("N")));
    p.addOption(
        valueOption(QStringLiteral("seed"),
                    QStringLiteral("Random seed, for the same data every time (default 1)."),
                    QStringLiteral("S")));
    p.addOption(valueOption(QStringLiteral("today"),
                            QStringLiteral("Date the data is built around (default: today)."),
                            QStringLiteral("DATE")));
    p.addOption(
        QCommandLineOption(QStringLiteral("quiet"), QStringLiteral("No progress on stderr.")));
    if (auto stop = parse(ctx, p,
                          QStringLiteral("Fill the desk with a realistic French demo dataset.")))
        return *stop;
    int code = ExitOk;
    const auto n = intOption(ctx, p, QStringLiteral("subscribers"), 0, 50'000'000, true, code);
    if (!n)
        return code;
    const auto seed = intOption(ctx, p, QStringLiteral("seed"), 0, 4'294'967'295LL, false, code);
    if (code != ExitOk)
        return code;
    const auto today = dateOption(ctx, p, QStringLiteral("today"), false, code);
    if (code != ExitOk)
        return code;
    Store *store = ctx.store();
    if (!store)
        return ctx.failStoreOpen();
    // Never into a desk with work of its own or a server behind it (exit status 3, the reason on stderr).
    if (Status allowed = demoAllowed(*store); !allowed)
        return ctx.fail(allowed.error());
    DemoOptions opt;
    opt.subscribers = *n;
    opt.seed = quint32(seed.value_or(1));
    opt.today = today.value_or(QDate::currentDate());
    const bool quiet = p.isSet(QStringLiteral("quiet")) || *n < 50000 || !stderrIsTerminal();
    opt.progress = [&ctx, quiet](qint64 done, qint64 total) {
        if (!quiet) {
            ctx.err() << "\r" << done << " / " << total;
            ctx.err().flush();
        }
        return true;
    };
    QElapsedTimer timer;
    timer.start();
    auto r = generateDemo(*store, opt);
    if (!quiet)
        ctx.err() << '\n';
    if (!r)
        return ctx.fail(r.error());
    ctx.out() << "publications " << r->publications << ", offers " << r->offers << ", subscribers "
              << r->subscribers << ", subscriptions " << r->subscriptions << ", holds " << r->holds
              << ", holiday addresses " << r->holidayAddresses << ", complaints " << r->complaints
              << " (" << timer.elapsed() << " ms)\n";
    return ExitOk;
}

int runCheck(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("JSON output.")));
    p.addOption(QCommandLineOption(
        QStringLiteral("sync"),
        QStringLiteral("Print the per-table checksums of the synced data instead, to compare "
                       "with the server's (relais-server checksums, GET sync/checksums).")));
    if (auto stop = parse(ctx, p,
                          QStringLiteral("Check the desk database: integrity, schema version, "
                                         "search index, outbox, row counts.")))
        return *stop;
    Store *store = ctx.store();
    if (!store)
        return ctx.failStoreOpen();
    if (p.isSet(QStringLiteral("sync"))) {
        auto sums = deskChecksums(store->db());
        if (!sums)
            return ctx.fail(sums.error());
        if (p.isSet(QStringLiteral("json"))) {
            QJsonArray tables;
            for (const TableSum &t : *sums)
                tables << QJsonObject{{QStringLiteral("table"), t.table},
                                      {QStringLiteral("rows"), t.rows},
                                      {QStringLiteral("sha256"), t.sha256}};
            printJson(ctx, QJsonObject{{QStringLiteral("desk_id"), store->desk().deskId},
                                       {QStringLiteral("tables"), tables}});
        } else {
            // The lines of relais-server checksums, so that the two outputs compare with diff.
            ctx.out() << "desk " << store->desk().deskId << '\n';
            for (const TableSum &t : *sums)
                ctx.out() << t.table.leftJustified(16) << QString::number(t.rows).rightJustified(10)
                          << "  " << t.sha256 << '\n';
            ctx.out().flush();
        }
        return ExitOk;
    }
    const CheckReport r = store->check();
    if (p.isSet(QStringLiteral("json"))) {
        QJsonObject counts;
        for (const TableCount &c : r.counts)
            counts.insert(c.table, c.rows);
        printJson(ctx,
                  QJsonObject{{QStringLiteral("ok"), r.ok},
                              {QStringLiteral("schema_version"), r.schemaVersion},
                              {QStringLiteral("desk_id"), store->desk().deskId},
                              {QStringLiteral("problems"), QJsonArray::fromStringList(r.problems)},
                              {QStringLiteral("counts"), counts}});
    } else {
        ctx.out() << "desk " << store->desk().deskId << " (" << store->desk().deskName << ")\n"
                  << "schema version " << r.schemaVersion << '\n';
        for (const TableCount &c : r.counts)
            ctx.out() << c.table.leftJustified(16) << c.rows << '\n';
        ctx.out() << (r.ok ? "ok\n" : "PROBLEMS\n");
        for (const QString &problem : r.problems)
            ctx.out() << "  " << problem << '\n';
        ctx.out().flush();
    }
    return r.ok ? ExitOk : ExitFailure;
}

int runOutbox(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("JSON output.")));
    p.addOption(
        QCommandLineOption(QStringLiteral("pending"),
                           QStringLiteral("Only operations not yet acknowledged by the server.")));
    if (auto
            stop = parse(ctx, p,
                         QStringLiteral(
                             "List the operations queued for the server, in desk sequence order.")))
        return *stop;
    Store *store = ctx.store();
    if (!store)
        return ctx.failStoreOpen();
    const auto ops = store->outbox(p.isSet(QStringLiteral("pending")));
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray a;
        for (const OutboxOperation &op : ops)
            a << Json::outboxOperation(op);
        printJson(ctx, a);
        return ExitOk;
    }
    for (const OutboxOperation &op : ops)
        ctx.out() << op.seq << '\t' << op.state << '\t' << op.operation << '\t' << op.entityId
                  << '\t' << op.clerk << '\t' << op.at << '\t' << op.fields << '\n';
    ctx.out() << ops.size() << " operation(s)\n";
    ctx.out().flush();
    return ExitOk;
}

const Registrar demo({QStringLiteral("demo"), QStringLiteral("fill the desk with demo data"),
                      runDemo});
const Registrar check({QStringLiteral("check"),
                       QStringLiteral("integrity, schema version, row counts; --sync: checksums"),
                       runCheck});
const Registrar outbox({QStringLiteral("outbox"),
                        QStringLiteral("operations queued for the server"), runOutbox});

} // namespace
} // namespace Relais::Cli
