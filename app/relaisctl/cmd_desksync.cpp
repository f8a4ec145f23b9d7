// relaisctl sync, sync status, conflicts, conflict resolve, rejected, rejected withdraw: the desk's
// sync engine (app/sync) without a window, one round at a time.
//
// Exit status of `sync`: 0 everything sent and pulled and nothing waits for a clerk; 4 conflicts or
// rejected operations wait; 1 the server cannot be reached or refuses the login; 2 usage.

#include "cli.h"
#include "inbound.h"
#include "outbox.h"
#include "syncengine.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTimer>

namespace Relais::Cli {
namespace {

constexpr int ExitAttention = 4;

QString tr(const char *text)
{
    return QCoreApplication::translate("Relais::Cli", text);
}

QJsonValue jsonOf(const QVariant &v)
{
    return Protocol::columnValueToJson(v);
}

QString textOf(const QVariant &v)
{
    return v.isNull() ? QStringLiteral("(vide)") : v.toString();
}

QJsonObject receiptJson(const Sync::Receipt &r)
{
    return {{QStringLiteral("outcome"), r.outcome},
            {QStringLiteral("pushed"), r.pushed},
            {QStringLiteral("applied"), r.applied},
            {QStringLiteral("conflicts"), r.conflicts},
            {QStringLiteral("rejected"), r.rejected},
            {QStringLiteral("repeated"), r.repeated},
            {QStringLiteral("resent"), r.resent},
            {QStringLiteral("pulled"), r.pulled},
            {QStringLiteral("overlapped"), r.overlapped},
            {QStringLiteral("server_seq"), r.serverSeq},
            {QStringLiteral("epoch"), r.epoch},
            {QStringLiteral("duration_ms"), r.durationMs},
            {QStringLiteral("message"), r.message}};
}

int runSync(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(
        valueOption(QStringLiteral("server"),
                    QStringLiteral(
                        "Server URL (remembered by the desk), e.g. https://relais.example.fr"),
                    QStringLiteral("URL")));
    p.addOption(valueOption(QStringLiteral("user"),
                            QStringLiteral("User name on the server (remembered)."),
                            QStringLiteral("NAME")));
    p.addOption(valueOption(QStringLiteral("password-file"),
                            QStringLiteral("File whose first line is the password."),
                            QStringLiteral("FILE")));
    p.addOption(valueOption(QStringLiteral("timeout"),
                            QStringLiteral("Give up after this many seconds (default 600)."),
                            QStringLiteral("SECONDS")));
    p.addOption(valueOption(QStringLiteral("batch"),
                            QStringLiteral("Operations per push (1..1000, default 1000)."),
                            QStringLiteral("N")));
    p.addOption(valueOption(QStringLiteral("page"),
                            QStringLiteral("Rows per pulled page and per page of the first copy "
                                           "(1..5000, default 1000 and 5000)."),
                            QStringLiteral("N")));
    p.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("JSON receipt.")));
    if (auto stop = parse(ctx, p,
                          QStringLiteral(
                              "One full sync round with the server: first copy if needed, "
                              "push the queued changes, pull the others' changes.")))
        return *stop;
    int code = ExitOk;
    const auto timeout = intOption(ctx, p, QStringLiteral("timeout"), 1, 86400, false, code);
    if (code != ExitOk)
        return code;
    const auto batch = intOption(ctx, p, QStringLiteral("batch"), 1, Protocol::MaxOpsPerPush, false,
                                 code);
    if (code != ExitOk)
        return code;
    const auto page = intOption(ctx, p, QStringLiteral("page"), 1, 5000, false, code);
    if (code != ExitOk)
        return code;
    if (!p.isSet(QStringLiteral("password-file")))
        return ctx.usageError(QStringLiteral("--password-file is required"));
    QFile pw(p.value(QStringLiteral("password-file")));
    if (!pw.open(QIODevice::ReadOnly))
        return ctx.fail(Error::make(ErrorKind::Io, QStringLiteral("io.read"),
                                    tr("Cannot read %1: %2").arg(pw.fileName(), pw.errorString())));
    const QString password = QString::fromUtf8(pw.readLine()).trimmed();

    Sync::Engine engine(ctx.dbPath);
    Sync::Engine::Tuning tuning;
    if (batch)
        tuning.pushBatch = int(*batch);
    if (page) // small pages: a slow line, or a test that interrupts a first copy half way
        tuning.pullLimit = tuning.snapshotLimit = int(*page);
    engine.setTuning(tuning);
    if (!engine.open())
        return ctx.fail(
            Error::make(ErrorKind::Storage, QStringLiteral("sync.open"), engine.status().message));
    // What the desk remembers from its last sync, unless given.
    QString server = p.value(QStringLiteral("server"));
    QString user = p.value(QStringLiteral("user"));
    if (Store *store = ctx.store()) {
        if (server.isEmpty())
            server = store->metaValue(QString::fromLatin1(SyncKey::ServerUrl));
        if (user.isEmpty())
            user = store->metaValue(QString::fromLatin1(SyncKey::ServerUser));
    }
    if (server.isEmpty())
        return ctx.usageError(
            QStringLiteral("--server is required (the desk has none remembered)"));
    if (user.isEmpty())
        return ctx.usageError(QStringLiteral("--user is required (the desk has none remembered)"));
    const QUrl url(server);
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https")
        || url.host().isEmpty())
        return ctx.failInvalid(QStringLiteral("--server"), QStringLiteral("url.invalid"),
                               tr("The server URL must be http(s)://host[:port]."));
    engine.configure(url, user);

    QEventLoop loop;
    std::optional<Sync::Receipt> receipt;
    QString loginError;
    QObject::connect(&engine, &Sync::Engine::roundFinished, &loop, [&](const Sync::Receipt &r) {
        receipt = r;
        loop.quit();
    });
    QObject::connect(&engine, &Sync::Engine::loginFinished, &loop,
                     [&](bool ok, const QString &message) {
                         if (!ok) {
                             loginError = message;
                             loop.quit();
                         }
                     });
    QObject::connect(&engine, &Sync::Engine::tokenIssued, &loop, [&] { engine.syncNow(); });
    QTimer::singleShot(int(timeout.value_or(600)) * 1000, &loop, [&] {
        engine.cancel();
        loginError = tr("No answer within the time allowed.");
        loop.quit();
    });
    QTimer::singleShot(0, &loop, [&] { engine.login(user, password); });
    loop.exec();
    if (!receipt) {
        ctx.err() << "relaisctl sync: "
                  << (loginError.isEmpty() ? tr("The round did not finish.") : loginError) << '\n';
        return ExitFailure;
    }
    const Sync::Overview st = engine.status();
    if (p.isSet(QStringLiteral("json"))) {
        QJsonObject o = receiptJson(*receipt);
        o.insert(QStringLiteral("pending"), st.pending);
        o.insert(QStringLiteral("open_conflicts"), st.conflicts);
        o.insert(QStringLiteral("open_rejections"), st.rejected);
        o.insert(QStringLiteral("state"), Sync::stateCode(st.state));
        printJson(ctx, o);
    } else {
        ctx.out() << "outcome      " << receipt->outcome << '\n'
                  << "pushed       " << receipt->pushed << " (applied " << receipt->applied
                  << ", conflicts " << receipt->conflicts << ", rejected " << receipt->rejected
                  << ", repeated " << receipt->repeated << ")\n"
                  << "resent       " << receipt->resent << '\n'
                  << "pulled       " << receipt->pulled << '\n'
                  << "server seq   " << receipt->serverSeq << '\n'
                  << "epoch        " << receipt->epoch << '\n'
                  << "queued       " << st.pending << '\n'
                  << "need a clerk " << st.conflicts << " conflict(s), " << st.rejected
                  << " rejected\n"
                  << "duration     " << receipt->durationMs << " ms\n";
        if (!receipt->message.isEmpty())
            ctx.out() << receipt->message << '\n';
        ctx.out().flush();
    }
    if (receipt->outcome == u"ok")
        return ExitOk;
    if (receipt->outcome == u"attention")
        return ExitAttention;
    return ExitFailure;
}

int runSyncStatus(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("JSON output.")));
    if (auto stop = parse(ctx, p,
                          QStringLiteral("What the desk knows of its sync, without the network.")))
        return *stop;
    Store *store = ctx.store();
    if (!store)
        return ctx.failStoreOpen();
    Outbox outbox(store->db());
    const OutboxSummary s = outbox.summary();
    auto m = [&](const char *key) { return store->metaValue(QString::fromLatin1(key)); };
    const qint64 next = store->metaValue(QStringLiteral("number_next"), QStringLiteral("1"))
                            .toLongLong();
    const qint64 end = store->metaValue(QStringLiteral("number_end"), QStringLiteral("0"))
                           .toLongLong();
    const qint64 left = end > 0 ? qMax<qint64>(0, end - next + 1) : -1;
    QJsonObject o{{QStringLiteral("desk_id"), store->desk().deskId},
                  {QStringLiteral("server"), m(SyncKey::ServerUrl)},
                  {QStringLiteral("user"), m(SyncKey::ServerUser)},
                  {QStringLiteral("epoch"), m(SyncKey::ServerEpoch)},
                  {QStringLiteral("cursor"), m(SyncKey::PullCursor).toLongLong()},
                  {QStringLiteral("server_head"), m(SyncKey::ServerHead).toLongLong()},
                  {QStringLiteral("last_sync_at"), m(SyncKey::LastSyncAt)},
                  {QStringLiteral("first_copy_done"), m(SyncKey::BootstrapDone) == u"1"},
                  {QStringLiteral("pending"), s.pending},
                  {QStringLiteral("oldest_pending_at"), s.oldestPendingAt},
                  {QStringLiteral("acknowledged_kept"), s.acked},
                  {QStringLiteral("rejected"), s.rejected},
                  {QStringLiteral("conflicts"), s.conflicts},
                  {QStringLiteral("desk_seq"), outbox.lastDeskSeq()},
                  {QStringLiteral("acked_seq"), outbox.highestAcked()},
                  {QStringLiteral("numbers_left"), left}};
    if (p.isSet(QStringLiteral("json"))) {
        printJson(ctx, o);
    } else {
        for (auto it = o.constBegin(); it != o.constEnd(); ++it)
            ctx.out() << it.key().leftJustified(20) << it.value().toVariant().toString() << '\n';
        ctx.out().flush();
    }
    return ExitOk;
}

int runConflicts(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("JSON output.")));
    if (auto stop = parse(ctx, p,
                          QStringLiteral(
                              "Open conflicts, field by field: before, mine, now on the server.")))
        return *stop;
    Store *store = ctx.store();
    if (!store)
        return ctx.failStoreOpen();
    const auto conflicts = Outbox(store->db()).openConflicts();
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray a;
        for (const OpenConflict &c : conflicts)
            a << QJsonObject{{QStringLiteral("id"), c.id},
                             {QStringLiteral("op_seq"), c.opSeq},
                             {QStringLiteral("operation"), c.operation},
                             {QStringLiteral("entity"), c.entity},
                             {QStringLiteral("entity_id"), c.entityId},
                             {QStringLiteral("field"), c.field},
                             {QStringLiteral("base"), jsonOf(c.base)},
                             {QStringLiteral("mine"), jsonOf(c.mine)},
                             {QStringLiteral("server"), jsonOf(c.server)},
                             {QStringLiteral("clerk"), c.clerk},
                             {QStringLiteral("at"), c.at}};
        printJson(ctx, a);
        return ExitOk;
    }
    for (const OpenConflict &c : conflicts)
        ctx.out() << c.id << '\t' << c.entity << ' ' << c.entityId << '\t' << c.field
                  << "\tbefore: " << textOf(c.base) << "\tmine: " << textOf(c.mine)
                  << "\tserver: " << textOf(c.server) << '\n';
    ctx.out() << conflicts.size() << " open conflict(s)\n";
    ctx.out().flush();
    return ExitOk;
}

int settle(Context &ctx, const std::function<void(Sync::Engine &)> &action)
{
    Sync::Engine engine(ctx.dbPath);
    if (!engine.open())
        return ctx.fail(
            Error::make(ErrorKind::Storage, QStringLiteral("sync.open"), engine.status().message));
    bool ok = false;
    QString message;
    QObject::connect(&engine, &Sync::Engine::settled, &engine, [&](bool done, const QString &why) {
        ok = done;
        message = why;
    });
    action(engine);
    if (!ok)
        return ctx.fail(Error::make(ErrorKind::NotFound, QStringLiteral("sync.settle"), message));
    ctx.out() << tr("Done; the choice goes to the server with the next sync.") << '\n';
    ctx.out().flush();
    return ExitOk;
}

int runConflictResolve(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(valueOption(QStringLiteral("keep"), QStringLiteral("mine or server"),
                            QStringLiteral("SIDE")));
    if (auto stop = parse(ctx, p,
                          QStringLiteral(
                              "Settle one conflicting field (ID from 'relaisctl conflicts'): "
                              "keep this desk's value (sent as a new operation) or the server's."),
                          QStringLiteral("ID"), 1, 1))
        return *stop;
    bool okId = false;
    const qint64 id = p.positionalArguments().value(0).toLongLong(&okId);
    if (!okId || id <= 0)
        return ctx.failInvalid(QStringLiteral("ID"), QStringLiteral("id.invalid"),
                               tr("The conflict ID is a whole number."));
    const QString keep = p.value(QStringLiteral("keep"));
    if (keep != u"mine" && keep != u"server")
        return ctx.usageError(QStringLiteral("--keep mine|server is required"));
    return settle(ctx, [&](Sync::Engine &e) { e.resolveConflict(id, keep == u"mine", ctx.clerk); });
}

int runRejected(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("JSON output.")));
    if (auto stop = parse(
            ctx, p,
            QStringLiteral(
                "Operations the server refused, with its reasons; they wait for a clerk.")))
        return *stop;
    Store *store = ctx.store();
    if (!store)
        return ctx.failStoreOpen();
    const auto ops = Outbox(store->db()).operations({QStringLiteral("rejected")});
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray a;
        for (const QueuedOperation &o : ops)
            a << QJsonObject{{QStringLiteral("seq"), o.seq},
                             {QStringLiteral("operation"), o.operation},
                             {QStringLiteral("entity_id"), o.entityId},
                             {QStringLiteral("code"), o.resultCode},
                             {QStringLiteral("message"), o.resultMessage},
                             {QStringLiteral("clerk"), o.clerk},
                             {QStringLiteral("at"), o.at}};
        printJson(ctx, a);
        return ExitOk;
    }
    for (const QueuedOperation &o : ops)
        ctx.out() << o.seq << '\t' << o.operation << '\t' << o.entityId << '\t' << o.resultCode
                  << '\t' << o.resultMessage << '\n';
    ctx.out() << ops.size() << " rejected operation(s)\n";
    ctx.out().flush();
    return ExitOk;
}

int runRejectedWithdraw(Context &ctx)
{
    QCommandLineParser p;
    if (auto stop = parse(
            ctx, p,
            QStringLiteral(
                "Withdraw a rejected operation: the desk takes back the values the server holds."),
            QStringLiteral("SEQ"), 1, 1))
        return *stop;
    bool okSeq = false;
    const qint64 seq = p.positionalArguments().value(0).toLongLong(&okSeq);
    if (!okSeq || seq <= 0)
        return ctx.failInvalid(QStringLiteral("SEQ"), QStringLiteral("seq.invalid"),
                               tr("The operation number is a whole number."));
    return settle(ctx, [&](Sync::Engine &e) { e.withdrawRejected(seq, ctx.clerk); });
}

const Registrar sync({QStringLiteral("sync"),
                      QStringLiteral("one sync round with the server (push, pull)"), runSync});
const Registrar syncStatus({QStringLiteral("sync status"),
                            QStringLiteral("the desk's sync state, without the network"),
                            runSyncStatus});
const Registrar conflicts({QStringLiteral("conflicts"),
                           QStringLiteral("open conflicts: before, mine, server"), runConflicts});
const Registrar conflictResolve({QStringLiteral("conflict resolve"),
                                 QStringLiteral("keep mine or the server's value"),
                                 runConflictResolve});
const Registrar rejected({QStringLiteral("rejected"),
                          QStringLiteral("operations the server refused"), runRejected});
const Registrar rejectedWithdraw({QStringLiteral("rejected withdraw"),
                                  QStringLiteral("withdraw a refused operation"),
                                  runRejectedWithdraw});

} // namespace
} // namespace Relais::Cli
