// Nothing acknowledged is lost: a writer process adds subscribers and acknowledges each one only after
// COMMIT returned; it is killed (SIGKILL) at an arbitrary moment, and every acknowledged subscriber,
// its audit entry and its outbox operation must be in the database, which must still be consistent.

#include "store.h"
#include "testsupport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>
#include <QProcess>
#include <QSqlQuery>
#include <QTest>

#include <cstdio>

using namespace Relais;

namespace {

int writer(const QString &path)
{
    auto opened = Store::open(path);
    if (!opened)
        return 1;
    Store store = std::move(opened).value();
    store.setActor(Actor{QStringLiteral("writer"), ContactChannel::Letter});
    for (int i = 0;; ++i) {
        Subscriber s;
        s.lastName = QStringLiteral("Durable%1").arg(i);
        s.address.line4 = QStringLiteral("%1 rue Pasteur").arg(i % 150 + 1);
        s.address.postalCode = QStringLiteral("69001");
        s.address.city = QStringLiteral("LYON");
        auto r = store.addSubscriber(s);
        if (!r)
            return 2;
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
    const QString path = Test::freshDatabasePath();
    QProcess child;
    child.setProgram(QCoreApplication::applicationFilePath());
    child.setArguments({QStringLiteral("--writer"), path});
    child.start();
    QVERIFY(child.waitForStarted());
    QList<qint64> acknowledged;
    QByteArray buffer;
    QElapsedTimer timer;
    timer.start();
    while (acknowledged.size() < acknowledgedBeforeKill && timer.elapsed() < 60000) {
        child.waitForReadyRead(1000);
        buffer += child.readAllStandardOutput();
        int nl;
        while ((nl = buffer.indexOf('\n')) >= 0) {
            acknowledged << buffer.left(nl).toLongLong();
            buffer.remove(0, nl + 1);
        }
    }
    QVERIFY(acknowledged.size() >= acknowledgedBeforeKill);
    if (delayMs > 0)
        QThread::msleep(delayMs);
    child.kill(); // SIGKILL: no destructor, no rollback, no flush runs in the child
    QVERIFY(child.waitForFinished(10000));
    buffer += child.readAllStandardOutput();
    for (const QByteArray &line : buffer.split('\n'))
        if (!line.isEmpty())
            acknowledged << line.toLongLong();

    auto opened = Store::open(path);
    QVERIFY(opened.ok());
    Store store = std::move(opened).value();
    const CheckReport report = store.check();
    QVERIFY2(report.ok, qPrintable(report.problems.join(u'\n')));
    for (qint64 number : std::as_const(acknowledged))
        QVERIFY2(store.subscriberByNumber(number).has_value(), qPrintable(QString::number(number)));
    const qint64 subscribers = scalar(store, QStringLiteral("SELECT count(*) FROM subscriber"));
    // At most the one in flight when killed was committed without being acknowledged.
    QVERIFY(subscribers >= acknowledged.size());
    QVERIFY(subscribers <= acknowledged.size() + 1);
    // Row, audit and operation stayed together.
    QCOMPARE(scalar(store, QStringLiteral("SELECT count(*) FROM audit WHERE entity = 'subscriber'")), subscribers);
    QCOMPARE(scalar(store, QStringLiteral("SELECT count(*) FROM outbox WHERE entity = 'subscriber'")), subscribers);
    QCOMPARE(scalar(store, QStringLiteral("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'desk_seq'")), subscribers);
    // The desk carries on with the next number.
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
    if (argc == 3 && qstrcmp(argv[1], "--writer") == 0) {
        QCoreApplication app(argc, argv);
        return writer(QString::fromLocal8Bit(argv[2]));
    }
    QCoreApplication app(argc, argv);
    tst_Durability test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_durability.moc"
