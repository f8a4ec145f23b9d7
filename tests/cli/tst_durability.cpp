// Nothing acknowledged is lost: a writer process adds subscribers and acknowledges each one only after
// COMMIT returned; it is killed (SIGKILL) at an arbitrary moment, and every acknowledged subscriber,
// its audit entry and its outbox operation must be in the database, which must still be consistent.
// The writer marks in a file, through SQLite's hooks, whether it is between transactions, writing
// rows, or committing: the test kills again until kills have landed inside a transaction, and says
// how many did, instead of trusting that some must have. (A SIGKILL leaves the page cache alone:
// power cuts below SQLite are tests/fault/tst_powerloss.)

#include "store.h"
#include "testsupport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <sqlite3.h>

#include <cstdio>

using namespace Relais;

namespace {

// Where the writer stands, one byte in the marker file (written straight to the OS, which keeps it
// when the process is killed).
enum Marker : char {
    Idle = '0',
    Writing = '1',
    Committing = '2'
}; // Writing: BEGIN ran, COMMIT not yet

QFile *g_marker = nullptr;
char g_state = Idle;

void mark(char state)
{
    if (state == g_state)
        return;
    g_state = state;
    g_marker->seek(0);
    g_marker->write(&state, 1);
}

int writer(const QString &path, const QString &markerPath)
{
    auto opened = Store::open(path);
    if (!opened)
        return 1;
    Store store = std::move(opened).value();
    store.setActor(Actor{QStringLiteral("writer"), ContactChannel::Letter});
    QFile marker(markerPath);
    if (!marker.open(QIODevice::ReadWrite | QIODevice::Unbuffered))
        return 3;
    g_marker = &marker;
    mark(Writing);
    mark(Idle);
    const QVariant handle = store.db().driver()->handle();
    if (qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return 4;
    sqlite3 *db = *static_cast<sqlite3 *const *>(handle.data());
    // BEGIN ran (or a row changed): inside a transaction. COMMIT began: committing. Rolled back: idle.
    sqlite3_trace_v2(
        db, SQLITE_TRACE_STMT,
        [](unsigned, void *, void *, void *sql) {
            if (qstrncmp(static_cast<const char *>(sql), "BEGIN", 5) == 0)
                mark(Writing);
            return 0;
        },
        nullptr);
    sqlite3_update_hook(
        db, [](void *, int, const char *, const char *, sqlite3_int64) { mark(Writing); }, nullptr);
    sqlite3_commit_hook(
        db,
        [](void *) {
            mark(Committing);
            return 0;
        },
        nullptr);
    sqlite3_rollback_hook(
        db, [](void *) { mark(Idle); }, nullptr);
    for (int i = 0;; ++i) {
        Subscriber s;
        s.lastName = QStringLiteral("Durable%1").arg(i);
        s.address.line4 = QStringLiteral("%1 rue Pasteur").arg(i % 150 + 1);
        s.address.postalCode = QStringLiteral("69001");
        s.address.city = QStringLiteral("LYON");
        auto r = store.addSubscriber(s);
        if (!r)
            return 2;
        mark(Idle); // COMMIT returned
        // The acknowledgement a clerk would see ("saved"), only after the commit.
        std::printf("%lld\n", static_cast<long long>(r.value().number));
        std::fflush(stdout);
    }
}

qint64 scalar(Store &store, const QString &sql)
{
    QSqlQuery q(store.db());
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

} // namespace

class tst_Durability : public QObject
{
    Q_OBJECT
private slots:
    void killedWriterLosesNothingAcknowledged_data();
    void killedWriterLosesNothingAcknowledged();
};

void tst_Durability::killedWriterLosesNothingAcknowledged_data()
{
    QTest::addColumn<int>("acknowledgedBeforeKill");
    QTest::addColumn<int>("delayMs");
    QTest::newRow("after the first") << 1 << 0;
    QTest::newRow("after 37") << 37 << 0;
    QTest::newRow("after 150, a little later") << 150 << 3;
    QTest::newRow("after 400") << 400 << 1;
}

void tst_Durability::killedWriterLosesNothingAcknowledged()
{
    QFETCH(int, acknowledgedBeforeKill);
    QFETCH(int, delayMs);
    // Kill until this many kills landed inside a transaction (rows written, or COMMIT under way).
    constexpr int kInside = 3;
    constexpr int kMaxKills = 40;
    const QString path = Test::freshDatabasePath();
    const QString markerPath = path + QStringLiteral(".marker");
    {
        QFile m(markerPath);
        QVERIFY(m.open(QIODevice::WriteOnly));
        m.write("0");
    }
    QList<qint64> acknowledged;
    int kills = 0, writing = 0, committing = 0;
    while (writing + committing < kInside && kills < kMaxKills) {
        QProcess child;
        child.setProgram(QCoreApplication::applicationFilePath());
        child.setArguments({QStringLiteral("--writer"), path, markerPath});
        child.start();
        QVERIFY(child.waitForStarted());
        const qsizetype before = acknowledged.size();
        QByteArray buffer;
        QElapsedTimer timer;
        timer.start();
        while (acknowledged.size() - before < acknowledgedBeforeKill && timer.elapsed() < 60000
               && child.state() == QProcess::Running) {
            child.waitForReadyRead(1000);
            buffer += child.readAllStandardOutput();
            qsizetype nl;
            while ((nl = buffer.indexOf('\n')) >= 0) {
                acknowledged << buffer.left(nl).toLongLong();
                buffer.remove(0, nl + 1);
            }
        }
        QVERIFY2(acknowledged.size() - before >= acknowledgedBeforeKill,
                 qPrintable(QStringLiteral("writer: exit %1, %2")
                                .arg(child.exitCode())
                                .arg(QString::fromLocal8Bit(child.readAllStandardError()))));
        // A little later each time, so that the kills fall at different places of the writer's loop.
        if (delayMs + kills % 4 > 0)
            QThread::msleep(delayMs + kills % 4);
        child.kill(); // SIGKILL: no destructor, no rollback, no flush runs in the child
        QVERIFY(child.waitForFinished(10000));
        ++kills;
        buffer += child.readAllStandardOutput();
        for (const QByteArray &line : buffer.split('\n'))
            if (!line.isEmpty())
                acknowledged << line.toLongLong();
        QFile m(markerPath);
        QVERIFY(m.open(QIODevice::ReadOnly));
        const QByteArray marker = m.read(1);
        const char state = marker.isEmpty() ? char(Idle) : marker.at(0);
        writing += state == Writing;
        committing += state == Committing;

        auto opened = Store::open(path);
        QVERIFY(opened.ok());
        Store store = std::move(opened).value();
        const CheckReport report = store.check();
        QVERIFY2(report.ok, qPrintable(report.problems.join(u'\n')));
        for (qint64 number : std::as_const(acknowledged))
            QVERIFY2(store.subscriberByNumber(number).has_value(),
                     qPrintable(QString::number(number)));
        const qint64 subscribers = scalar(store, QStringLiteral("SELECT count(*) FROM subscriber"));
        if (state == Writing) {
            // Killed after BEGIN, before COMMIT began: the subscriber in flight is gone, whole.
            QCOMPARE(subscribers, qint64(acknowledged.size()));
        } else {
            // At most the one in flight when killed was committed without being acknowledged.
            QVERIFY(subscribers >= acknowledged.size());
            QVERIFY(subscribers <= acknowledged.size() + 1);
        }
        // Row, audit and operation stayed together.
        QCOMPARE(scalar(store,
                        QStringLiteral("SELECT count(*) FROM audit WHERE entity = 'subscriber'")),
                 subscribers);
        QCOMPARE(scalar(store,
                        QStringLiteral("SELECT count(*) FROM outbox WHERE entity = 'subscriber'")),
                 subscribers);
        QCOMPARE(scalar(store,
                        QStringLiteral(
                            "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'desk_seq'")),
                 subscribers);
        // An unacknowledged one that made it is counted from now on, like the others.
        while (acknowledged.size() < subscribers)
            acknowledged << scalar(store, QStringLiteral("SELECT max(number) FROM subscriber"));
    }
    qInfo("%d kills, %d inside a transaction (%d while writing rows, %d during COMMIT), %lld "
          "acknowledged "
          "subscribers checked after each",
          kills, writing + committing, writing, committing,
          static_cast<long long>(acknowledged.size()));
    QVERIFY2(writing + committing >= kInside, "the kills did not land inside transactions");

    // The desk carries on with the next number.
    auto opened = Store::open(path);
    QVERIFY(opened.ok());
    Store store = std::move(opened).value();
    const qint64 subscribers = scalar(store, QStringLiteral("SELECT count(*) FROM subscriber"));
    Subscriber next;
    next.lastName = QStringLiteral("Apres");
    next.address.line4 = QStringLiteral("1 rue Pasteur");
    next.address.postalCode = QStringLiteral("69001");
    next.address.city = QStringLiteral("LYON");
    auto added = store.addSubscriber(next);
    QVERIFY(added.ok());
    QCOMPARE(added.value().number, subscribers + 1);
}

int main(int argc, char *argv[])
{
    if (argc == 4 && qstrcmp(argv[1], "--writer") == 0) {
        QCoreApplication app(argc, argv);
        return writer(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]));
    }
    QCoreApplication app(argc, argv);
    tst_Durability test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_durability.moc"
