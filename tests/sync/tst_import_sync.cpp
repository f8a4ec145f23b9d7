// A long import and sync (issue 9): an import commits in chunks, but none of its operations — nor a
// clerk's save numbered among them — leaves the desk before it is complete; then one round sends
// them all, each once, and desk and server agree by checksum. A cancelled import with a clerk's
// save in between: the save reaches the server, its number accepted (no sync.gap).
// Real desks (a Store, an import on a thread of its own, the sync engine) against a real
// relais-server, on SQLite and, under tests/server/run-with-postgres.sh, on PostgreSQL.

#include "serverharness.h"
#include "syncfixture.h"

#include "csvimport.h"
#include "importguard.h"
#include "outbox.h"
#include "store.h"
#include "syncchecksums.h"
#include "syncengine.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSemaphore>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <atomic>
#include <thread>

using namespace Relais;
using namespace Relais::Test;

namespace {

const QString kPassword = QStringLiteral("correct horse battery staple");

Sync::Engine::Tuning fastTuning()
{
    return fastSyncTuning();
}

Subscriber person(const QString &lastName)
{
    Subscriber s;
    s.civility = QStringLiteral("M.");
    s.firstName = QStringLiteral("Jean");
    s.lastName = lastName;
    s.address.line4 = QStringLiteral("12 rue de la Paix");
    s.address.postalCode = QStringLiteral("75002");
    s.address.city = QStringLiteral("PARIS");
    return s;
}

// An import paused after its chunk that brings it to `pauseAt` rows, until resumed; then
// cancelled or not.
struct PausedImport
{
    std::thread thread;
    QSemaphore paused;
    QSemaphore resume;
    std::atomic<bool> cancel{false};
    std::atomic<bool> once{false};
    bool ok = false;
    qint64 rows = -1;
    QString error;
    QString errorCode;

    void start(const QString &dbPath, const QString &csv, qint64 pauseAt)
    {
        thread = std::thread([this, dbPath, csv, pauseAt] {
            auto opened = Store::open(dbPath);
            if (!opened) {
                error = opened.error().fullText();
                paused.release();
                return;
            }
            Store store = std::move(opened).value();
            store.setActor(Actor{QStringLiteral("import"), ContactChannel::Desk});
            Csv::ImportOptions o;
            o.inPath = csv;
            o.chunkRows = 300;
            o.chunkCommitted = [this, pauseAt](qint64 written) {
                if (written >= pauseAt && !once.exchange(true)) {
                    paused.release();
                    resume.tryAcquire(1, 120000);
                }
            };
            o.progress = [this](qint64, qint64) { return !cancel.load(); };
            auto r = Csv::importSubscribers(store, o);
            ok = bool(r);
            if (r) {
                rows = r->imported;
            } else {
                error = r.error().fullText();
                errorCode = r.error().code;
            }
            if (!once.exchange(true))
                paused.release(); // never paused: the test must not wait for ever
        });
    }
    ~PausedImport()
    {
        resume.release();
        if (thread.joinable())
            thread.join();
    }
};

struct Desk
{
    QString path;
    std::optional<Store> store;
    std::unique_ptr<Sync::Engine> engine;
    Outbox outbox() { return Outbox(store->db()); }
    qint64 scalar(const QString &sql)
    {
        QSqlQuery q(store->db());
        return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
    }
};

} // namespace

class TestImportSync : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void importLeavesOnlyWhenComplete();
    void cancelledImportClerkSaveReachesServer();

private:
    bool makeServer(const QString &name);
    std::unique_ptr<Desk> newDesk();
    bool connectDesk(Desk &d);
    Sync::Receipt round(Desk &d);
    QString disagreement(Desk &d);
    QHash<QString, int> serverChangesPerRow();
    qint64 serverDeskLastSeq(const QString &deskId);
    QString writeCsv(const QString &name, int rows);

    QTemporaryDir m_dir;
    QString m_passwordFile;
    SyncServer m_server;
    int m_serverCount = 0;
};

void TestImportSync::initTestCase()
{
    QVERIFY2(QFile::exists(serverBinary()), qPrintable(serverBinary()));
    QVERIFY(m_dir.isValid());
    m_passwordFile = m_dir.filePath(QStringLiteral("password"));
    QFile f(m_passwordFile);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(kPassword.toUtf8() + "\n");
}

void TestImportSync::cleanup()
{
    m_server.stop();
}

bool TestImportSync::makeServer(const QString &name)
{
    const QString backups = m_dir.filePath(QStringLiteral("backups-%1").arg(m_serverCount + 1));
    QDir().mkpath(backups);
    return m_server.make(QStringLiteral("relais_import_%1_%2").arg(name).arg(++m_serverCount),
                         m_passwordFile, kPassword, {QStringLiteral("--backup-dir"), backups});
}

std::unique_ptr<Desk> TestImportSync::newDesk()
{
    auto d = std::make_unique<Desk>();
    d->path = freshDatabasePath();
    auto opened = Store::open(d->path);
    if (!opened)
        qFatal("desk: %s", qPrintable(opened.error().fullText()));
    d->store.emplace(std::move(opened).value());
    d->store->setActor(Actor{QStringLiteral("claire"), ContactChannel::Phone});
    return d;
}

bool TestImportSync::connectDesk(Desk &d)
{
    d.engine = std::make_unique<Sync::Engine>(d.path);
    d.engine->setTuning(fastTuning());
    if (!d.engine->open())
        return false;
    return loginEngine(*d.engine, QUrl(m_server.process.baseUrl()), QStringLiteral("clerk"),
                       kPassword);
}

Sync::Receipt TestImportSync::round(Desk &d)
{
    return syncRound(*d.engine);
}

QString TestImportSync::disagreement(Desk &d)
{
    return checksumDisagreement(d.store->db(),
                                serverChecksums(*m_server.http, m_server.supervisor));
}

QHash<QString, int> TestImportSync::serverChangesPerRow()
{
    return changesPerRow(serverChanges(*m_server.http, m_server.supervisor));
}

qint64 TestImportSync::serverDeskLastSeq(const QString &deskId)
{
    return Test::serverDeskLastSeq(*m_server.http, m_server.supervisor, deskId);
}

QString TestImportSync::writeCsv(const QString &name, int rows)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    f.write("numero;civilite;prenom;nom;adresse;code postal;ville\r\n");
    for (int i = 0; i < rows; ++i)
        f.write(";M.;Jean;Nom" + QByteArray::number(i) + ";" + QByteArray::number(i % 300 + 1)
                + " rue de la Paix;75002;PARIS\r\n");
    return path;
}

// A round while an import runs sends none of its operations, nor the clerk's save numbered among
// them; the next round after it sends everything, each once, and desk and server agree.
void TestImportSync::importLeavesOnlyWhenComplete()
{
    QVERIFY(makeServer(QStringLiteral("complete")));
    auto d = newDesk();
    QVERIFY(connectDesk(*d));
    Sync::Receipt first = round(*d);
    QCOMPARE(first.outcome, QStringLiteral("ok"));
    QCOMPARE(d->outbox().summary().pending, 0); // and a block of numbers is leased

    const int rows = 3000;
    PausedImport import;
    import.start(d->path, writeCsv(QStringLiteral("complete.csv"), rows), 1200);
    QVERIFY(import.paused.tryAcquire(1, 120000));
    QVERIFY2(import.error.isEmpty(), qPrintable(import.error));
    const qint64 part = d->scalar(
        QStringLiteral("SELECT count(*) FROM subscriber WHERE last_name LIKE 'Nom%'"));
    QVERIFY2(part >= 1200 && part < rows, qPrintable(QString::number(part)));
    const auto mine = d->store->addSubscriber(person(QStringLiteral("Pendant")));
    QVERIFY(mine);

    const Sync::Receipt during = round(*d);
    QCOMPARE(during.outcome, QStringLiteral("ok"));
    QCOMPARE(during.pushed, 0);
    QCOMPARE(d->outbox().summary().heldByImport, d->outbox().summary().pending);
    QHash<QString, int> onServer = serverChangesPerRow();
    QVERIFY(!onServer.contains(mine->meta.id));
    QSqlQuery q(d->store->db());
    QVERIFY(q.exec(QStringLiteral("SELECT id FROM subscriber WHERE last_name LIKE 'Nom%'")));
    while (q.next())
        QVERIFY2(!onServer.contains(q.value(0).toString()),
                 "an imported row reached the server before the end");
    q.finish();

    import.resume.release();
    import.thread.join();
    QVERIFY2(import.ok, qPrintable(import.error));
    QCOMPARE(import.rows, qint64(rows));

    const Sync::Receipt after = round(*d);
    QCOMPARE(after.outcome, QStringLiteral("ok"));
    QCOMPARE(after.pushed, rows + 1);
    QCOMPARE(after.applied, rows + 1);
    QCOMPARE(after.rejected + after.conflicts + after.repeated, 0);
    QCOMPARE(d->outbox().summary().pending, 0);
    QCOMPARE(serverDeskLastSeq(d->store->desk().deskId), d->outbox().lastDeskSeq());
    onServer = serverChangesPerRow();
    QCOMPARE(onServer.value(mine->meta.id), 1);
    QVERIFY(q.exec(QStringLiteral("SELECT id FROM subscriber WHERE last_name LIKE 'Nom%'")));
    int once = 0;
    while (q.next())
        once += onServer.value(q.value(0).toString()) == 1 ? 1 : 0;
    q.finish();
    QCOMPARE(once, rows);
    const QString diff = disagreement(*d);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

// A cancelled import with a clerk's save in between: the import leaves nothing, the save reaches
// the server under a number the server accepts (no sync.gap), and desk and server agree.
void TestImportSync::cancelledImportClerkSaveReachesServer()
{
    QVERIFY(makeServer(QStringLiteral("cancelled")));
    auto d = newDesk();
    QVERIFY(connectDesk(*d));
    QCOMPARE(round(*d).outcome, QStringLiteral("ok"));
    const qint64 lastBefore = d->outbox().lastDeskSeq();

    PausedImport import;
    import.start(d->path, writeCsv(QStringLiteral("cancelled.csv"), 3000), 900);
    QVERIFY(import.paused.tryAcquire(1, 120000));
    QVERIFY2(import.error.isEmpty(), qPrintable(import.error));
    const auto mine = d->store->addSubscriber(person(QStringLiteral("Pendant")));
    QVERIFY(mine);
    const Sync::Receipt during = round(*d);
    QCOMPARE(during.outcome, QStringLiteral("ok"));
    QCOMPARE(during.pushed, 0);

    import.cancel = true;
    import.resume.release();
    import.thread.join();
    QVERIFY(!import.ok);
    QCOMPARE(import.errorCode, QStringLiteral("cancelled"));
    QCOMPARE(d->scalar(
                 QStringLiteral("SELECT count(*) FROM subscriber WHERE last_name LIKE 'Nom%'")),
             0);
    QCOMPARE(d->outbox().lastDeskSeq(), lastBefore + 1);

    const Sync::Receipt after = round(*d);
    QCOMPARE(after.outcome, QStringLiteral("ok"));
    QCOMPARE(after.pushed, 1);
    QCOMPARE(after.applied, 1);
    QCOMPARE(after.rejected + after.conflicts, 0);
    QCOMPARE(d->outbox().summary().pending, 0);
    QCOMPARE(serverDeskLastSeq(d->store->desk().deskId), lastBefore + 1);
    QCOMPARE(serverChangesPerRow().value(mine->meta.id), 1);
    const QString diff = disagreement(*d);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

QTEST_GUILESS_MAIN(TestImportSync)
#include "tst_import_sync.moc"
