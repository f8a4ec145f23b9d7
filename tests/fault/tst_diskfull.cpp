// A full disk below SQLite (tests/fault/faultvfs.h), and the checks a desk file passes at open.
// At every point of a clerk's work, an import and a pull page, the disk fills up: the step that hit
// it fails with the French sentence for a full disk, nothing saved before is lost, nothing of the
// failed step is half there, and once space is back the same desk — the same open connection —
// saves the step again and goes on. A file system that refuses the WAL, or a network one, is
// refused at open with a sentence that says why.

#include "csvimport.h"
#include "deskfixture.h"
#include "faultvfs.h"
#include "inbound.h"
#include "powercut.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include <optional>

using namespace Relais;
using namespace Relais::Test;

namespace {

constexpr int kImportRows = 12;
constexpr int kPulled = 5;

// One step of the work: nullopt when it saved (and added what must stay), else its error.
using Step = std::function<std::optional<Error>(Store &, Ledger &)>;

template<typename R> std::optional<Error> failure(const R &r)
{
    if (r)
        return std::nullopt;
    return r.error();
}

qint64 count(QSqlDatabase &db, const QString &sql, const QVariantList &binds = {})
{
    return PowerCut::scalar(db, sql, binds).toLongLong();
}

Expectation exists(const QString &table, const QString &id)
{
    return {QStringLiteral("%1 %2").arg(table, id.left(8)), [=](QSqlDatabase &db) {
                return count(db, QStringLiteral("SELECT count(*) FROM %1 WHERE id = ?").arg(table),
                             {id})
                       == 1;
            }};
}

// The id of the n-th subscriber saved on this desk.
QString nthSubscriber(Store &store, int n)
{
    const QString
        id = PowerCut::scalar(store.db(),
                              QStringLiteral(
                                  "SELECT id FROM subscriber ORDER BY seq LIMIT 1 OFFSET ?"),
                              {n})
                 .toString();
    if (id.isEmpty())
        qFatal("no subscriber %d", n);
    return id;
}

QString importFile(const QString &folder)
{
    const QString path = folder + QStringLiteral("/plein.csv");
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    f.write("numero;civilite;prenom;nom;adresse;code postal;ville\r\n");
    for (int i = 0; i < kImportRows; ++i)
        f.write(";Mme;Anne;Plein" + QByteArray(1, char('a' + i)) + ";" + QByteArray::number(i + 1)
                + " rue de la Paix;75002;PARIS\r\n");
    return path;
}

QList<QJsonObject> s_rows;

QList<Step> steps(const QString &csv)
{
    QList<Step> list;
    for (const QString &name : {QStringLiteral("Aubert"), QStringLiteral("Bernard")})
        list << [name](Store &store, Ledger &ledger) -> std::optional<Error> {
            auto r = store.addSubscriber(DeskFixture::person(name));
            if (r)
                ledger << exists(QStringLiteral("subscriber"), r->meta.id);
            return failure(r);
        };
    list << [](Store &store, Ledger &ledger) -> std::optional<Error> {
        auto seen = store.subscriberById(nthSubscriber(store, 0));
        if (!seen)
            qFatal("first subscriber");
        Subscriber edited = *seen;
        edited.firstName = QStringLiteral("Perrine");
        auto r = store.updateSubscriber(edited, *seen);
        if (r)
            ledger << Expectation{
                QStringLiteral("first name"), [id = seen->meta.id](QSqlDatabase &db) {
                    return PowerCut::scalar(db,
                                            QStringLiteral(
                                                "SELECT first_name FROM subscriber WHERE id = ?"),
                                            {id})
                           == QStringLiteral("Perrine");
                }};
        return failure(r);
    };
    list << [](Store &store, Ledger &ledger) -> std::optional<Error> {
        Subscription s;
        s.recipientId = nthSubscriber(store, 1);
        s.offerId = store.offerByCode(QStringLiteral("LQC-12M"))->meta.id;
        s.start = QDate(2026, 1, 5);
        auto r = store.addSubscription(s);
        if (r)
            ledger << exists(QStringLiteral("subscription"), r->meta.id);
        return failure(r);
    };
    list << [csv](Store &store, Ledger &ledger) -> std::optional<Error> {
        Csv::ImportOptions o;
        o.inPath = csv;
        o.chunkRows = 4;
        o.chunkMs = 60000;
        auto r = Csv::importSubscribers(store, o);
        if (r)
            ledger << Expectation{
                QStringLiteral("import"), [](QSqlDatabase &db) {
                    return count(
                               db,
                               QStringLiteral(
                                   "SELECT count(*) FROM subscriber WHERE last_name LIKE 'Plein%'"))
                           == kImportRows;
                }};
        return failure(r);
    };
    list << [](Store &store, Ledger &ledger) -> std::optional<Error> {
        QList<InboundRow> rows;
        for (int i = 0; i < kPulled; ++i) {
            QJsonObject row = s_rows.at(i);
            row.insert(QStringLiteral("publisher_id"), store.desk().publisherId);
            rows << InboundRow{QStringLiteral("subscriber"),
                               row.value(QStringLiteral("id")).toString(), 10 + i, row};
        }
        auto r = Inbound(store.db()).applyPullPage(rows, 20);
        if (r)
            for (const InboundRow &row : std::as_const(rows))
                ledger << exists(QStringLiteral("subscriber"), row.id);
        return failure(r);
    };
    return list;
}

} // namespace

class tst_DiskFull : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void fullDiskAtEveryPoint();
    void fileSystemWithoutWalIsRefused();
    void networkFileSystems_data();
    void networkFileSystems();
    void localFolderIsNotNetwork();

private:
    QTemporaryDir m_dir;
    QTranslator m_french;
};

void tst_DiskFull::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QLoggingCategory::setFilterRules(
        QStringLiteral("relais.db.warning=false\nrelais.import.info=false"));
    // The clerk's language: the storage errors must reach them in French.
    QVERIFY2(m_french.load(QStringLiteral(RELAIS_FR_QM)), RELAIS_FR_QM);
    QCoreApplication::installTranslator(&m_french);
    FaultVfs::install();
    s_rows = rowsFromAnotherDesk(m_dir.filePath(QStringLiteral("source.sqlite")), kPulled);
}

void tst_DiskFull::fullDiskAtEveryPoint()
{
    PowerCut desk(m_dir.filePath(QStringLiteral("full")));
    desk.prepare(addCatalogue);
    const QList<Step> work = steps(importFile(m_dir.filePath(QStringLiteral("full"))));

    // A run with room enough: how many points there are.
    long long total = 0;
    {
        QFile::remove(desk.workPath());
        QVERIFY(
            QFile::copy(m_dir.filePath(QStringLiteral("full/template.sqlite")), desk.workPath()));
        auto opened = Store::open(desk.workPath());
        QVERIFY(opened);
        Store store = std::move(opened).value();
        FaultVfs::reset();
        Ledger ledger;
        for (const Step &step : work)
            QVERIFY(!step(store, ledger));
        total = FaultVfs::mutatingCalls();
    }
    QVERIFY(total > 20);

    int points = 0, refusedSteps = 0, checked = 0;
    for (long long at = 1; at <= total; ++at) {
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(desk.workPath() + suffix);
        QVERIFY(
            QFile::copy(m_dir.filePath(QStringLiteral("full/template.sqlite")), desk.workPath()));
        Ledger ledger;
        {
            auto opened = Store::open(desk.workPath());
            QVERIFY(opened);
            Store store = std::move(opened).value();
            FaultVfs::reset();
            FaultVfs::fillDiskAt(at);
            ++points;
            bool hit = false;
            for (const Step &step : work) {
                std::optional<Error> e = step(store, ledger);
                if (!e)
                    continue;
                QVERIFY2(!hit, "a step failed again once the disk had room");
                hit = true;
                ++refusedSteps;
                const QString where = QStringLiteral("point %1: %2 (%3)")
                                          .arg(at)
                                          .arg(e->fullText(), e->detail);
                QVERIFY2(e->code == u"storage.full", qPrintable(where));
                QVERIFY2(e->message.contains(
                             QStringLiteral("Le disque qui contient la base du poste est plein")),
                         qPrintable(where));
                // Nothing saved so far is gone, and the desk is sound on the same connection.
                for (const Expectation &x : std::as_const(ledger))
                    QVERIFY2(x.holds(store.db()),
                             qPrintable(where + QStringLiteral(": lost ") + x.what));
                QVERIFY(PowerCut::integrityOk(store.db()));
                // Space comes back: the same step, on the same open desk, is saved.
                FaultVfs::freeDisk();
                e = step(store, ledger);
                QVERIFY2(!e, qPrintable(where + QStringLiteral(" then ")
                                        + (e ? e->fullText() : QString())));
            }
        }
        // Reopened: everything saved is there once (an import retried is there once, not twice).
        auto reopened = Store::open(desk.workPath());
        QVERIFY(reopened);
        Store store = std::move(reopened).value();
        QVERIFY(PowerCut::integrityOk(store.db()));
        for (const Expectation &x : std::as_const(ledger)) {
            ++checked;
            QVERIFY2(x.holds(store.db()),
                     qPrintable(QStringLiteral("point %1: lost %2").arg(at).arg(x.what)));
        }
        QCOMPARE(ledger.size(), 2 + 1 + 1 + 1 + kPulled);
        // Nothing of a refused attempt is half there: the subscribers and operations are those saved.
        QCOMPARE(count(store.db(), QStringLiteral("SELECT count(*) FROM subscriber")),
                 2 + kImportRows + kPulled);
        const qint64 ops = 2 + 2 + 1 + 1 + kImportRows; // the catalogue's two, then the work's
        QCOMPARE(count(store.db(), QStringLiteral("SELECT count(*) FROM outbox")), ops);
        QCOMPARE(count(store.db(), QStringLiteral("SELECT max(seq) FROM outbox")), ops);
    }
    qInfo("full disk: %d points tried, %d steps refused with the French message and saved again "
          "once space "
          "returned, %d saved changes checked after reopening, 0 lost",
          points, refusedSteps, checked);
    QVERIFY2(refusedSteps >= points / 2, "most points must make a step fail");
}

void tst_DiskFull::fileSystemWithoutWalIsRefused()
{
    const QString folder = m_dir.filePath(QStringLiteral("nowal/run"));
    QVERIFY(QDir().mkpath(folder));
    FaultVfs::watch(folder);
    FaultVfs::reset();
    FaultVfs::refuseSharedMemory(true);
    auto opened = Database::open(folder + QStringLiteral("/desk.sqlite"));
    FaultVfs::refuseSharedMemory(false);
    QVERIFY(!opened);
    QCOMPARE(opened.error().code, QStringLiteral("db.no_wal"));
    QVERIFY2(opened.error().message.startsWith(QStringLiteral("Le système de fichiers")),
             qPrintable(opened.error().message));
    QVERIFY2(opened.error().message.contains(QStringLiteral("desk.sqlite")),
             qPrintable(opened.error().message));
    QVERIFY2(opened.error().message.contains(QStringLiteral("(WAL")),
             qPrintable(opened.error().message));
    // The same place with shared memory: the desk opens.
    QVERIFY(Database::open(folder + QStringLiteral("/desk.sqlite")));
}

void tst_DiskFull::networkFileSystems_data()
{
    QTest::addColumn<quint64>("magic");
    QTest::addColumn<QString>("mountType");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ext4") << quint64(0xEF53) << QStringLiteral("ext4") << QString();
    QTest::newRow("tmpfs") << quint64(0x01021994) << QStringLiteral("tmpfs") << QString();
    QTest::newRow("btrfs") << quint64(0x9123683E) << QStringLiteral("btrfs") << QString();
    QTest::newRow("xfs") << quint64(0x58465342) << QStringLiteral("xfs") << QString();
    QTest::newRow("nfs") << quint64(0x6969) << QStringLiteral("nfs4") << QStringLiteral("nfs");
    QTest::newRow("cifs") << quint64(0xFF534D42) << QStringLiteral("cifs")
                          << QStringLiteral("cifs");
    QTest::newRow("smb2") << quint64(0xFE534D42) << QStringLiteral("smb3")
                          << QStringLiteral("smb2");
    QTest::newRow("smb") << quint64(0x517B) << QStringLiteral("smbfs") << QStringLiteral("smb");
    QTest::newRow("ceph") << quint64(0x00C36400) << QStringLiteral("ceph")
                          << QStringLiteral("ceph");
    QTest::newRow("9p") << quint64(0x01021997) << QStringLiteral("9p") << QStringLiteral("9p");
    QTest::newRow("afs") << quint64(0x6B414653) << QStringLiteral("afs") << QStringLiteral("afs");
    QTest::newRow("sshfs") << quint64(0x65735546) << QStringLiteral("fuse.sshfs")
                           << QStringLiteral("fuse.sshfs");
    QTest::newRow("rclone") << quint64(0x65735546) << QStringLiteral("fuse.rclone")
                            << QStringLiteral("fuse.rclone");
    QTest::newRow("ntfs-3g (local)")
        << quint64(0x65735546) << QStringLiteral("fuseblk") << QString();
    QTest::newRow("fuse local") << quint64(0x65735546) << QStringLiteral("fuse.gvfsd-fuse")
                                << QString();
}

void tst_DiskFull::networkFileSystems()
{
    QFETCH(quint64, magic);
    QFETCH(QString, mountType);
    QFETCH(QString, expected);
    QCOMPARE(networkFileSystemName(magic, mountType), expected);
}

void tst_DiskFull::localFolderIsNotNetwork()
{
    // The test's own folder is local: the check must not refuse an ordinary desk.
    QCOMPARE(networkFileSystemOf(m_dir.filePath(QStringLiteral("desk.sqlite"))), QString());
}

QTEST_GUILESS_MAIN(tst_DiskFull)
#include "tst_diskfull.moc"
