// Desk sync figures against a running relais-server (bench/run-sync.sh starts one): push of N
// queued operations, pull of 1,000 changes made elsewhere, first copy of a new desk, and the time
// from a save on desk A to the row on desk B with both online (notify channel). Beside each, a
// reference measured in the same run: the same rows inserted by a plain INSERT loop into a SQLite
// file with synchronous=FULL. Prints one line per figure; no assertion (benchmarks are not tests).
//
//   bench_sync URL USER PASSWORD_FILE WORKDIR [OPERATIONS=10000] [LATENCY_ROUNDS=50]

#include "store.h"
#include "syncengine.h"
#include "syncservice.h"
#include "writepath.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <cstdio>

using namespace Relais;

namespace {

QString g_url, g_user, g_password;
bool g_overlap = true; // Sync::Engine::Tuning::overlapPushes for the rounds that follow

Subscriber makeSubscriber(qint64 n)
{
    Subscriber s;
    s.civility = QStringLiteral("M.");
    s.firstName = QStringLiteral("Jean");
    s.lastName = QStringLiteral("Dupont%1").arg(n);
    s.address.line4 = QStringLiteral("%1 RUE DE LA PAIX").arg(n % 200 + 1);
    s.address.postalCode = QStringLiteral("75002");
    s.address.city = QStringLiteral("PARIS");
    return s;
}

// One sync round of the desk at `path`, on this thread. Returns the receipt (empty outcome on time-out).
Sync::Receipt round(const QString &path, int leaseCount = 500, int leaseBelow = 100)
{
    Sync::Engine engine(path);
    Sync::Engine::Tuning t;
    t.leaseCount = leaseCount;
    t.leaseBelow = leaseBelow;
    t.overlapPushes = g_overlap;
    engine.setTuning(t);
    engine.open();
    engine.configure(QUrl(g_url), g_user);
    QSignalSpy done(&engine, &Sync::Engine::roundFinished);
    QObject::connect(&engine, &Sync::Engine::tokenIssued, &engine, [&engine] { engine.syncNow(); });
    engine.login(g_user, g_password);
    if (!done.wait(30 * 60 * 1000))
        return {};
    return done.first().first().value<Sync::Receipt>();
}

// N subscriber creates queued on the desk, written as an import writes them (one transaction).
bool queueCreates(Store &store, qint64 count)
{
    Transaction tx(store.db());
    BulkCreate bulk(store.db(), store.desk().deskId,
                    Actor{QStringLiteral("bench"), ContactChannel::Desk},
                    QStringLiteral("subscriber"), QStringLiteral("subscriber.create"));
    for (qint64 i = 0; i < count; ++i) {
        auto number = store.allocateNumber(); // from the leased block, as the window does
        if (!number) {
            std::fprintf(stderr, "number: %s\n", qPrintable(number.error().fullText()));
            return false;
        }
        Subscriber s = makeSubscriber(*number);
        s.number = *number;
        s.publisherId = store.desk().publisherId;
        QVariantMap v = Rows::subscriber(s);
        v.insert(QStringLiteral("sort_key"), Store::sortKey(s));
        if (Status st = bulk.add(newUuid(), v); !st) {
            std::fprintf(stderr, "queue: %s\n", qPrintable(st.error().fullText()));
            return false;
        }
    }
    return bulk.finish().ok() && tx.commit().ok();
}

// The reference: the same rows by a plain INSERT loop, synchronous=FULL, one transaction.
double plainInsertMs(const QString &file, qint64 count)
{
    QFile::remove(file);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                QStringLiteral("reference"));
    db.setDatabaseName(file);
    db.open();
    QSqlQuery q(db);
    q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    q.exec(QStringLiteral("PRAGMA synchronous=FULL"));
    q.exec(QStringLiteral(
        "CREATE TABLE subscriber (id TEXT PRIMARY KEY, number INTEGER UNIQUE, civility TEXT, "
        "first_name TEXT, last_name TEXT, line4 TEXT, postal_code TEXT, city TEXT)"));
    QElapsedTimer t;
    t.start();
    db.transaction();
    q.prepare(QStringLiteral("INSERT INTO subscriber VALUES (?,?,?,?,?,?,?,?)"));
    for (qint64 i = 0; i < count; ++i) {
        const Subscriber s = makeSubscriber(i);
        for (const QVariant &v :
             {QVariant(newUuid()), QVariant(i + 1), QVariant(s.civility), QVariant(s.firstName),
              QVariant(s.lastName), QVariant(s.address.line4), QVariant(s.address.postalCode),
              QVariant(s.address.city)})
            q.addBindValue(v);
        q.exec();
    }
    db.commit();
    const double ms = double(t.nsecsElapsed()) / 1e6;
    q.finish();
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("reference"));
    return ms;
}

void print(const char *figure, double value, const char *unit, const QString &reference = {})
{
    std::printf("%-44s %10.1f %-4s %s\n", figure, value, unit, qPrintable(reference));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 5) {
        std::fprintf(
            stderr,
            "usage: bench_sync URL USER PASSWORD_FILE WORKDIR [OPERATIONS] [LATENCY_ROUNDS]\n");
        return 2;
    }
    g_url = args.at(1);
    g_user = args.at(2);
    QFile pw(args.at(3));
    if (!pw.open(QIODevice::ReadOnly))
        return 1;
    g_password = QString::fromUtf8(pw.readLine()).trimmed();
    const QString dir = args.at(4);
    const qint64 ops = args.size() > 5 ? args.at(5).toLongLong() : 10000;
    const int latencyRounds = args.size() > 6 ? args.at(6).toInt() : 50;

    // --- push N queued operations -------------------------------------------------------------
    const QString pathA = dir + QStringLiteral("/bench-a.sqlite");
    const QString pathB = dir + QStringLiteral("/bench-b.sqlite");
    for (const QString &p : {pathA, pathB})
        for (const char *suffix : {"", "-wal", "-shm"})
            QFile::remove(p + QLatin1StringView(suffix));
    {
        auto a = Store::open(pathA);
        if (!a) {
            std::fprintf(stderr, "%s\n", qPrintable(a.error().fullText()));
            return 1;
        }
        // First copy and registration, nothing queued; a block of numbers large enough for the run.
        // (Three pushes of `ops`: the one measured first, and at the end the same without and with
        // the overlap of batches.)
        const qint64 numbers = 3 * ops + 3000;
        const Sync::Receipt first = round(pathA, int(qMin<qint64>(100000, numbers)));
        if (numbers > 100000) // a lease is at most 100,000 numbers: a second block in reserve
            (void)round(pathA, 100000, int(numbers));
        if (first.outcome != u"ok") {
            std::fprintf(stderr, "first round: %s %s\n", qPrintable(first.outcome),
                         qPrintable(first.message));
            return 1;
        }
        if (!queueCreates(a.value(), ops))
            return 1;
        const Sync::Receipt r = round(pathA);
        const double ref = plainInsertMs(dir + QStringLiteral("/reference.sqlite"), ops);
        print("push: queued operations sent (whole round)", double(r.durationMs), "ms",
              QStringLiteral("%1 pushed, %2 applied; plain INSERT loop of the same rows: %3 ms")
                  .arg(r.pushed)
                  .arg(r.applied)
                  .arg(ref, 0, 'f', 1));

        // --- first copy of a new desk (everything the server holds for the publisher) --------
        QElapsedTimer t;
        t.start();
        const Sync::Receipt boot = round(pathB);
        print("first copy of a new desk", double(t.elapsed()), "ms",
              QStringLiteral("%1 rows received (%2 rows/s)")
                  .arg(boot.pulled)
                  .arg(boot.pulled * 1000.0 / qMax<qint64>(1, t.elapsed()), 0, 'f', 0));

        // --- pull 1,000 changes made elsewhere ----------------------------------------------
        if (!queueCreates(a.value(), 1000))
            return 1;
        (void)round(pathA);
        const Sync::Receipt pull = round(pathB);
        print("pull: 1,000 changes made elsewhere (round)", double(pull.durationMs), "ms",
              QStringLiteral("%1 pulled").arg(pull.pulled));
    }

    // --- a save on A seen on B, both online -------------------------------------------------
    {
        auto a = Store::open(pathA);
        auto b = Store::open(pathB);
        if (!a || !b)
            return 1;
        Sync::Service sa(pathA, a.value().desk().deskId);
        Sync::Service sb(pathB, b.value().desk().deskId);
        for (Sync::Service *s : {&sa, &sb}) {
            s->credentials()->setKeychainEnabled(false);
            s->start(QUrl(g_url), g_user);
            s->login(g_user, g_password);
        }
        // Both logged in and up to date (a login takes 0.1-0.3 s of Argon2id on the server), then
        // a moment for the notify channels to open: the figure is the steady state of two desks
        // online, not their start.
        QElapsedTimer ready;
        ready.start();
        while (ready.elapsed() < 30000
               && (sa.overview().state != Sync::State::UpToDate
                   || sb.overview().state != Sync::State::UpToDate))
            QTest::qWait(20);
        QTest::qWait(500);
        QSignalSpy seen(&sb, &Sync::Service::dataChanged);
        const auto found = a.value().subscriberBySeq(1);
        if (!found)
            return 1;
        const Subscriber first = *found;
        QList<double> ms;
        for (int i = 0; i < latencyRounds; ++i) {
            const auto current = a.value().subscriberById(first.meta.id);
            Subscriber next = *current;
            next.notes = QStringLiteral("latence %1").arg(i);
            seen.clear();
            QElapsedTimer t;
            t.start();
            if (!a.value().updateSubscriber(next, *current)) {
                std::fprintf(stderr, "update failed\n");
                return 1;
            }
            sa.localCommit();
            bool arrived = false;
            while (!arrived && t.elapsed() < 10000) {
                if (!seen.wait(int(10000 - t.elapsed())))
                    break;
                const auto there = b.value().subscriberById(first.meta.id);
                arrived = there && there->notes == next.notes;
            }
            if (!arrived) {
                std::fprintf(stderr, "round %d: not seen on B within 10 s\n", i);
                continue;
            }
            ms << double(t.nsecsElapsed()) / 1e6;
            if (qEnvironmentVariableIsSet("BENCH_VERBOSE"))
                std::fprintf(stderr, "round %d: %.1f ms\n", i, ms.last());
            QThread::msleep(50);
        }
        std::sort(ms.begin(), ms.end());
        if (!ms.isEmpty()) {
            print("A to B: median", ms.at(ms.size() / 2), "ms",
                  QStringLiteral("%1 rounds").arg(ms.size()));
            print("A to B: p95", ms.at(qMin<qsizetype>(ms.size() - 1, ms.size() * 95 / 100)), "ms");
        }
    }

    // --- the push again, one batch at a time, then overlapped, in the same conditions ------------
    {
        auto a = Store::open(pathA);
        if (!a)
            return 1;
        for (const bool overlap : {false, true}) {
            if (!queueCreates(a.value(), ops))
                return 1;
            g_overlap = overlap;
            const Sync::Receipt r = round(pathA);
            print(overlap ? "push again, overlapped batches" : "push again, one batch at a time",
                  double(r.durationMs), "ms",
                  QStringLiteral("%1 pushed, %2 applied, %3 batches overlapped")
                      .arg(r.pushed)
                      .arg(r.applied)
                      .arg(r.overlapped));
        }
        g_overlap = true;
    }
    return 0;
}
