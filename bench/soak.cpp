// The soak (bench/soak.sh MINUTES): five desks (relaisctl, each its own file and clerk) against one
// relais-server through the sync tests' fault proxy, for a bounded time. Clerks add and change
// subscribers; desks sync at random, some go offline for a while, some syncs are killed half way;
// the proxy loses replies, cuts them, answers 503; the server is killed and started again. Then the
// faults stop, every desk syncs until it is up to date, and the run checks that every desk and the
// server hold the same rows (checksums), that every subscriber a clerk saved is there exactly once,
// that every operation the server holds was applied once, and that the server's memory stayed flat
// (back to its warmed-up size at the end of its longest life).
// Prints its figures; exit 0 when everything agrees.

#include "faultproxy.h"
#include "serverharness.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>
#include <cstdlib>

using namespace Relais::Test;

namespace {

constexpr int kDesks = 5;

struct Desk
{
    QString path;
    QString user;
    QList<qint64> numbers; // subscribers this desk's clerk saved (acknowledged by relaisctl)
    qint64 offlineUntil = 0;
};

struct Counts
{
    int adds = 0, updates = 0, syncs = 0, syncsOk = 0, syncsKilled = 0, offline = 0, faults = 0,
        serverKills = 0;
};

QString g_ctl;
QString g_password;
ServerProcess *g_server = nullptr;

// Stops the server (a qFatal would leave it running) and ends the run.
[[noreturn]] void fail(const QString &why)
{
    std::fprintf(stderr, "soak: %s\n", qPrintable(why));
    if (g_server)
        g_server->stop();
    std::exit(1);
}

QProcess *startCtl(const QStringList &args)
{
    auto *p = new QProcess;
    p->start(g_ctl, args);
    return p;
}

int runCtl(const QStringList &args, QByteArray *out = nullptr, int timeoutMs = 120000)
{
    QProcess p;
    p.start(g_ctl, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        std::fprintf(stderr, "relaisctl %s: no answer in %d s\n", qPrintable(args.join(u' ')),
                     timeoutMs / 1000);
        return -1;
    }
    if (out)
        *out = p.readAllStandardOutput();
    const int code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    if (code != 0 && code != 4)
        std::fprintf(stderr, "relaisctl %s: exit %d: %s\n", qPrintable(args.join(u' ')), code,
                     p.readAllStandardError().constData());
    return code;
}

QStringList syncArgs(const Desk &d, const QString &url)
{
    return {QStringLiteral("--db"),
            d.path,
            QStringLiteral("sync"),
            QStringLiteral("--server"),
            url,
            QStringLiteral("--user"),
            d.user,
            QStringLiteral("--password-file"),
            g_password,
            QStringLiteral("--timeout"),
            QStringLiteral("30")};
}

QString streetOf(QRandomGenerator &rng)
{
    return QStringLiteral("%1 rue Pasteur").arg(rng.bounded(1, 200));
}

// table -> sha256, from `check --sync --json` or `checksums --json`.
QMap<QString, QString> sums(const QByteArray &json)
{
    QMap<QString, QString> m;
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    const QJsonArray tables = doc.isObject()
                                  ? doc.object().value(QStringLiteral("tables")).toArray()
                                  : doc.array();
    for (const QJsonValue &t : tables)
        m.insert(t[QStringLiteral("table")].toString(), t[QStringLiteral("sha256")].toString());
    return m;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const double minutes = argc > 1 ? QString::fromLocal8Bit(argv[1]).toDouble() : 1.0;
    const quint32 seed = argc > 2 ? QString::fromLocal8Bit(argv[2]).toUInt() : 12;
    g_ctl = argc > 3 ? QString::fromLocal8Bit(argv[3]) : QStringLiteral(RELAISCTL_BINARY);
    QRandomGenerator rng(seed);
    QTemporaryDir dir;
    // A copy of relaisctl: a build running meanwhile may replace the binary under the run.
    {
        const QString copy = dir.filePath(QStringLiteral("relaisctl"));
        if (!QFile::copy(g_ctl, copy))
            qFatal("cannot copy %s", qPrintable(g_ctl));
        QFile(copy).setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        g_ctl = copy;
    }
    g_password = dir.filePath(QStringLiteral("password"));
    {
        QFile f(g_password);
        f.open(QIODevice::WriteOnly);
        f.write("correct horse battery staple\n");
    }
    const QString db = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("central.db"));
    auto cli = [&](const QStringList &args) {
        const CliResult r = runCli(QStringList{QStringLiteral("--db"), db} + args);
        if (r.exitCode != 0)
            fail(QStringLiteral("relais-server %1: %2").arg(args.join(u' '), r.err));
        return r;
    };
    cli({QStringLiteral("init")});
    cli({QStringLiteral("publisher"), QStringLiteral("add"), QStringLiteral("OUEST"),
         QStringLiteral("--name"), QStringLiteral("Ouest")});
    QList<Desk> desks;
    for (int i = 0; i < kDesks; ++i) {
        Desk d{dir.filePath(QStringLiteral("desk%1.sqlite").arg(i)),
               QStringLiteral("clerk%1").arg(i),
               {},
               0};
        cli({QStringLiteral("user"), QStringLiteral("add"), d.user, QStringLiteral("--role"),
             QStringLiteral("clerk"), QStringLiteral("--publisher"), QStringLiteral("OUEST"),
             QStringLiteral("--password-file"), g_password});
        desks << d;
    }

    auto server = std::make_unique<ServerProcess>();
    if (!server->start(db))
        fail(QStringLiteral("relais-server does not start: ") + server->stderrText());
    g_server = server.get();
    FaultProxy proxy;
    if (!proxy.start(server->port()))
        fail(QStringLiteral("the proxy does not start"));
    const QString url = proxy.baseUrl();

    // Each desk syncs once before the faults start, and so holds a block of numbers. (A desk that
    // saves subscribers before it ever synced numbers them from 1, and the server refuses those
    // numbers as another desk's: seed 8 of a one-minute run showed it; reported, not hidden here.)
    for (const Desk &d : desks)
        if (runCtl(syncArgs(d, url)) != 0)
            fail(d.user + QStringLiteral(": first sync failed"));

    Counts n;
    QElapsedTimer clock;
    clock.start();
    QElapsedTimer sinceServerStart;
    sinceServerStart.start();
    qint64 rssWarm = -1, rssLast = -1, rssMax = -1;
    // The server life that lasted longest: its size after warming up, its highest, its last.
    struct
    {
        qint64 warm = -1, max = -1, last = -1;
    } best;
    qint64 bestLife = 0;
    const qint64 end = qint64(minutes * 60000);
    while (clock.elapsed() < end) {
        Desk &d = desks[rng.bounded(kDesks)];
        const int dice = rng.bounded(100);
        if (dice < 40) {
            QByteArray out;
            const int code = runCtl({QStringLiteral("--db"), d.path, QStringLiteral("subscriber"),
                                     QStringLiteral("add"), QStringLiteral("--last-name"),
                                     QStringLiteral("Soak%1").arg(n.adds),
                                     QStringLiteral("--line4"), streetOf(rng),
                                     QStringLiteral("--postal-code"), QStringLiteral("69001"),
                                     QStringLiteral("--city"), QStringLiteral("LYON")},
                                    &out);
            if (code != 0)
                fail(QStringLiteral("subscriber add: exit %1").arg(code));
            // A desk without a block of numbers yet gives its subscriber one at its next sync.
            if (const qint64 number = out.trimmed().toLongLong(); number > 0)
                d.numbers << number;
            ++n.adds;
        } else if (dice < 55 && !d.numbers.isEmpty()) {
            const qint64 number = d.numbers.at(rng.bounded(int(d.numbers.size())));
            const int code = runCtl({QStringLiteral("--db"), d.path, QStringLiteral("subscriber"),
                                     QStringLiteral("update"), QString::number(number),
                                     QStringLiteral("--line4"), streetOf(rng)});
            if (code != 0)
                fail(QStringLiteral("subscriber update: exit %1").arg(code));
            ++n.updates;
        } else if (dice < 85) {
            if (d.offlineUntil > clock.elapsed())
                continue;
            ++n.syncs;
            std::unique_ptr<QProcess> p(startCtl(syncArgs(d, url)));
            // One sync in five is killed half way (a desk switched off during a round).
            if (rng.bounded(5) == 0) {
                p->waitForFinished(rng.bounded(50, 800));
                if (p->state() != QProcess::NotRunning) {
                    p->kill();
                    ++n.syncsKilled;
                }
                p->waitForFinished();
            } else {
                p->waitForFinished(120000);
                n.syncsOk += p->exitStatus() == QProcess::NormalExit && p->exitCode() == 0;
            }
        } else if (dice < 90) {
            d.offlineUntil = clock.elapsed() + rng.bounded(2000, 15000);
            ++n.offline;
        } else if (dice < 98) {
            static const QList<QByteArray> prefixes = {"POST /api/v1/sync/push",
                                                       "GET /api/v1/sync/pull",
                                                       "POST /api/v1/numbers/lease",
                                                       "POST /api/v1/login"};
            static const QList<FaultProxy::Fault> faults = {FaultProxy::Fault::DropReply,
                                                            FaultProxy::Fault::CutReply,
                                                            FaultProxy::Fault::Answer503,
                                                            FaultProxy::Fault::CloseEarly};
            proxy.addFault(prefixes.at(rng.bounded(int(prefixes.size()))),
                           faults.at(rng.bounded(int(faults.size()))), 1, rng.bounded(3));
            ++n.faults;
        } else if (sinceServerStart.elapsed() > 15000) {
            if (rssWarm > 0 && sinceServerStart.elapsed() > bestLife)
                best = {rssWarm, rssMax, rssLast}, bestLife = sinceServerStart.elapsed();
            server->kill();
            server = std::make_unique<ServerProcess>();
            g_server = server.get();
            if (!server->start(db))
                fail(QStringLiteral("relais-server does not start again: ") + server->stderrText());
            proxy.setUpstream(server->port());
            sinceServerStart.restart();
            rssWarm = rssLast = rssMax = -1;
            ++n.serverKills;
        }
        // The server's memory, in its current life: after 10 s of warming up, then its highest.
        const qint64 rss = server->residentKiB();
        if (sinceServerStart.elapsed() > 10000 && rssWarm < 0)
            rssWarm = rss;
        if (rssWarm >= 0) {
            rssLast = rss;
            rssMax = qMax(rssMax, rss);
        }
    }
    if (rssWarm > 0 && sinceServerStart.elapsed() > bestLife)
        best = {rssWarm, rssMax, rssLast}, bestLife = sinceServerStart.elapsed();

    // The faults stop; every desk syncs until up to date, twice round so that each pulls the others.
    proxy.clearFaults();
    for (int round = 0; round < 2; ++round)
        for (Desk &d : desks) {
            int code = -1;
            for (int attempt = 0; attempt < 5 && code != 0; ++attempt)
                code = runCtl(syncArgs(d, url));
            if (code != 0) {
                QByteArray status, conflicts, outbox;
                runCtl({QStringLiteral("--db"), d.path, QStringLiteral("sync"),
                        QStringLiteral("status")},
                       &status);
                runCtl({QStringLiteral("--db"), d.path, QStringLiteral("conflicts")}, &conflicts);
                runCtl({QStringLiteral("--db"), d.path, QStringLiteral("rejected")}, &outbox);
                fail(QStringLiteral("%1 does not sync once the faults stop: exit %2\n%3\n%4\n%5")
                         .arg(d.user)
                         .arg(code)
                         .arg(QString::fromUtf8(status), QString::fromUtf8(conflicts),
                              QString::fromUtf8(outbox)));
            }
        }

    int failures = 0;
    const CliResult serverSums = cli({QStringLiteral("checksums"), QStringLiteral("--publisher"),
                                      QStringLiteral("OUEST"), QStringLiteral("--json")});
    const QMap<QString, QString> expected = sums(serverSums.out.toUtf8());
    if (expected.isEmpty()) {
        std::fprintf(stderr, "no checksums from the server: %s\n", qPrintable(serverSums.out));
        ++failures;
    }
    int agreeing = 0;
    for (const Desk &d : desks) {
        QByteArray out;
        runCtl({QStringLiteral("--db"), d.path, QStringLiteral("check"), QStringLiteral("--sync"),
                QStringLiteral("--json")},
               &out);
        if (sums(out) == expected)
            ++agreeing;
        else
            std::fprintf(stderr, "%s disagrees with the server:\n%s\n", qPrintable(d.user),
                         out.constData());
    }
    failures += kDesks - agreeing;

    // Every subscriber a clerk saved is on the server once; every operation applied once.
    const qint64 saved = n.adds;
    const qint64 onServer = sqlValue(db, QStringLiteral("SELECT count(*) FROM subscriber"))
                                .toLongLong();
    const qint64 distinctNames = sqlValue(db,
                                          QStringLiteral(
                                              "SELECT count(DISTINCT last_name) FROM subscriber"))
                                     .toLongLong();
    const qint64 ops = sqlValue(db, QStringLiteral("SELECT count(*) FROM ops")).toLongLong();
    const qint64 lastSeqs = sqlValue(db, QStringLiteral("SELECT sum(last_seq) FROM desks"))
                                .toLongLong();
    if (onServer != saved || distinctNames != saved) {
        std::fprintf(stderr, "subscribers: %lld saved by clerks, %lld on the server (%lld names)\n",
                     static_cast<long long>(saved), static_cast<long long>(onServer),
                     static_cast<long long>(distinctNames));
        ++failures;
    }
    if (ops != lastSeqs) {
        std::fprintf(stderr, "operations on the server: %lld, desks' last numbers add up to %lld\n",
                     static_cast<long long>(ops), static_cast<long long>(lastSeqs));
        ++failures;
    }
    // Flat: at the end of its longest life the server's resident size is within 20 MiB of its size
    // after warming up. (A burst of requests may raise it for a while, and the allocator gives it
    // back: a leak is what stays.)
    const bool measured = best.warm > 0;
    if (measured && best.last - best.warm > 20 * 1024) {
        std::fprintf(stderr, "server memory grew from %lld to %lld KiB\n",
                     static_cast<long long>(best.warm), static_cast<long long>(best.last));
        ++failures;
    }
    std::printf("soak %.1f min, seed %u: %d desks, %d subscribers added, %d changed, %d syncs (%d "
                "up to date, %d "
                "killed half way), %d offline periods, %d proxy faults, %d server kills; %lld "
                "operations applied "
                "once; %d of %d desks agree with the server by checksum; server memory %s\n",
                minutes, seed, kDesks, n.adds, n.updates, n.syncs, n.syncsOk, n.syncsKilled,
                n.offline, n.faults, n.serverKills, static_cast<long long>(ops), agreeing, kDesks,
                measured ? qPrintable(
                    QStringLiteral("%1 KiB after 10 s, at most %2, %3 at the end of a %4 s life")
                        .arg(best.warm)
                        .arg(best.max)
                        .arg(best.last)
                        .arg(bestLife / 1000))
                         : "not measured (no server life over 10 s)");
    std::fflush(stdout);
    return failures == 0 ? 0 : 1;
}
