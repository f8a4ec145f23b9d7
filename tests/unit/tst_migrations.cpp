// Schema migrations: a fresh database and every earlier version reach the current schema with their
// data intact; a newer database and a file that is not SQLite are refused.

#include "database.h"
#include "migrations.h"
#include "search.h"
#include "store.h"
#include "testsupport.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

using namespace Relais;

class tst_Migrations : public QObject
{
    Q_OBJECT
private slots:
    void freshDatabaseIsCurrent();
    void pragmas();
    void upgradeFromEveryVersion_data();
    void upgradeFromEveryVersion();
    void newerDatabaseRefused();
    void notSqliteRefused();
    void missingFolderRefused();
    void failedStepLeavesVersion();
    void inseeCodeColumnAdded();
};

void tst_Migrations::freshDatabaseIsCurrent()
{
    auto db = Database::open(Test::freshDatabasePath());
    QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().fullText()));
    QCOMPARE(db.value().schemaVersion(), Migrations::currentVersion());
    QVERIFY(Migrations::currentVersion() >= 3);
}

void tst_Migrations::pragmas()
{
    auto db = Database::open(Test::freshDatabasePath());
    QVERIFY(db.ok());
    QSqlQuery q(db.value().db());
    QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
    QVERIFY(q.exec(QStringLiteral("PRAGMA synchronous")) && q.next());
    QCOMPARE(q.value(0).toInt(), 2); // FULL
    QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
}

void tst_Migrations::upgradeFromEveryVersion_data()
{
    QTest::addColumn<int>("from");
    for (int v = 0; v < Migrations::currentVersion(); ++v)
        QTest::addRow("from v%d", v) << v;
}

void tst_Migrations::upgradeFromEveryVersion()
{
    QFETCH(int, from);
    const QString path = Test::freshDatabasePath();
    {
        auto old = Database::openAtVersion(path, from);
        QVERIFY(old.ok());
        QCOMPARE(old.value().schemaVersion(), from);
        if (from >= 1) {
            // Rows as a desk at that version wrote them (v1 tables, no search index yet).
            QSqlQuery q(old.value().db());
            QVERIFY2(q.exec(QStringLiteral(
                         "INSERT INTO publisher (id, code, name, updated_at, updated_by) "
                         "VALUES ('p1', 'LOCAL', 'Local', '2026-01-01T00:00:00Z', 'old')")),
                     qPrintable(q.lastError().text()));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO meta(key, value) VALUES ('desk_id', 'd1'), "
                                          "('publisher_id', 'p1'), ('number_next', '43')")));
            QVERIFY2(q.exec(QStringLiteral(
                         "INSERT INTO subscriber (id, number, publisher_id, first_name, last_name, "
                         "line4, postal_code, city, sort_key, updated_at, updated_by) VALUES "
                         "('s1', 42, 'p1', 'Hélène', 'Lefèvre', '3 rue Pasteur', '69001', 'LYON', "
                         "'lefevre helene', '2026-01-01T00:00:00Z', 'old')")),
                     qPrintable(q.lastError().text()));
        }
    }
    auto store = Store::open(path);
    QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().fullText()));
    QCOMPARE(store.value().check().schemaVersion, Migrations::currentVersion());
    QVERIFY2(store.value().check().ok, qPrintable(store.value().check().problems.join(u'\n')));
    if (from >= 1) {
        QCOMPARE(store.value().desk().deskId, QStringLiteral("d1"));
        const auto s = store.value().subscriberByNumber(42);
        QVERIFY(s);
        QCOMPARE(s->lastName, QStringLiteral("Lefèvre"));
        // The search index built by a later step covers rows written before it existed.
        auto hits = SubscriberSearch(store.value().db()).run(QStringLiteral("lefev"));
        QVERIFY(hits.ok());
        QCOMPARE(hits.value().size(), 1);
        QCOMPARE(hits.value().first().number, 42);
        // New numbers continue after the old ones.
        auto added = store.value().addSubscriber([] {
            Subscriber n;
            n.lastName = QStringLiteral("Neuf");
            n.address.line4 = QStringLiteral("1 rue Neuve");
            n.address.postalCode = QStringLiteral("69001");
            n.address.city = QStringLiteral("Lyon");
            return n;
        }());
        QVERIFY(added.ok());
        QCOMPARE(added.value().number, 43);
    }
}

void tst_Migrations::newerDatabaseRefused()
{
    const QString path = Test::freshDatabasePath();
    {
        auto db = Database::open(path);
        QVERIFY(db.ok());
        QSqlQuery q(db.value().db());
        QVERIFY(q.exec(
            QStringLiteral("PRAGMA user_version = %1").arg(Migrations::currentVersion() + 1)));
    }
    auto again = Database::open(path);
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code, QStringLiteral("schema.newer"));
    QVERIFY(again.error().message.contains(QString::number(Migrations::currentVersion() + 1)));
}

void tst_Migrations::notSqliteRefused()
{
    const QString path = Test::freshDatabasePath(QStringLiteral("notes.txt"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray("this is a letter from a reader, not a database\n").repeated(100));
    f.close();
    auto db = Database::open(path);
    QVERIFY(!db.ok());
    QCOMPARE(db.error().code, QStringLiteral("db.not_sqlite"));
    // Nothing was written into the reader's file.
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().startsWith("this is a letter"));
}

void tst_Migrations::missingFolderRefused()
{
    auto db = Database::open(Test::freshDatabasePath(QStringLiteral("no/such/folder/desk.sqlite")));
    QVERIFY(!db.ok());
    QCOMPARE(db.error().code, QStringLiteral("db.folder_missing"));
}

void tst_Migrations::failedStepLeavesVersion()
{
    // A step that fails halfway leaves the database at the previous version, with nothing of the step.
    const QString path = Test::freshDatabasePath();
    {
        auto db = Database::openAtVersion(path, 1);
        QVERIFY(db.ok());
        QSqlQuery q(db.value().db());
        // Occupy the name step 2 creates second, so that its later statements fail.
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE subscriber_fts_blocker (x)")));
        QVERIFY(q.exec(QStringLiteral(
            "CREATE TRIGGER subscriber_fts_insert AFTER INSERT ON meta BEGIN SELECT 1; END")));
    }
    auto db = Database::open(path);
    QVERIFY(!db.ok());
    QVERIFY(db.error().message.contains(QStringLiteral("version 2")));
    auto old = Database::openAtVersion(path, 1);
    QVERIFY(old.ok());
    QCOMPARE(old.value().schemaVersion(), 1);
    QSqlQuery q(old.value().db());
    QVERIFY(
        q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'subscriber_fts'"))
        && q.next());
    QCOMPARE(q.value(0).toInt(), 0);
}

void tst_Migrations::inseeCodeColumnAdded()
{
    // Step 9 adds the subscriber's INSEE code: the rows of a version 8 desk stay, with none.
    const QString path = Test::freshDatabasePath();
    {
        auto old = Database::openAtVersion(path, 8);
        QVERIFY(old.ok());
        QSqlQuery q(old.value().db());
        QVERIFY(!q.exec(QStringLiteral("SELECT insee_code FROM subscriber")));
        QVERIFY(q.exec(
            QStringLiteral("INSERT INTO publisher (id, code, name, updated_at, updated_by) "
                           "VALUES ('p1', 'LOCAL', 'Local', '2026-01-01T00:00:00Z', 'old')")));
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO meta(key, value) VALUES ('desk_id', 'd1'), ('publisher_id', 'p1')")));
        QVERIFY2(q.exec(QStringLiteral("INSERT INTO subscriber (id, number, publisher_id, "
                                       "first_name, last_name, line4, postal_code, "
                                       "city, sort_key, updated_at, updated_by) VALUES ('s1', 42, "
                                       "'p1', 'Hélène', 'Lefèvre', "
                                       "'3 rue Pasteur', '01000', 'BOURG EN BRESSE', 'lefevre "
                                       "helene', '2026-01-01T00:00:00Z', 'old')")),
                 qPrintable(q.lastError().text()));
    }
    auto store = Store::open(path);
    QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().fullText()));
    QCOMPARE(store.value()
                     .db()
                     .record(QStringLiteral("subscriber"))
                     .indexOf(QStringLiteral("insee_code"))
                 >= 0,
             true);
    auto s = store.value().subscriberByNumber(42);
    QVERIFY(s);
    QCOMPARE(s->lastName, QStringLiteral("Lefèvre"));
    QCOMPARE(s->address.inseeCode, QString());
    QSqlQuery q(store.value().db());
    QVERIFY(q.exec(QStringLiteral("SELECT insee_code IS NOT NULL FROM subscriber WHERE id = 's1'"))
            && q.next());
    QCOMPARE(q.value(0).toInt(), 1); // '' rather than NULL: the column is NOT NULL like the others
    // The code can be written now, and is read back.
    Subscriber edited = *s;
    edited.address.inseeCode = QStringLiteral("01053");
    auto saved = store.value().updateSubscriber(edited);
    QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().fullText()));
    QCOMPARE(store.value().subscriberByNumber(42)->address.inseeCode, QStringLiteral("01053"));
}

QTEST_GUILESS_MAIN(tst_Migrations)
#include "tst_migrations.moc"
