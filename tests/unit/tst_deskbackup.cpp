// Desk backups (models/deskbackup.h): a backup taken while a clerk writes is consistent and verified;
// verify and restore refuse every damaged or crafted file and change nothing; restore keeps the
// current file aside and is refused while another connection has the desk open; the rotation keeps
// 7 daily and 4 weekly backups; a restore asked from the window runs at the next start.

#include "deskbackup.h"
#include "deskfixture.h"
#include "migrations.h"
#include "store.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sqlite3.h>

using namespace Relais;
using namespace Relais::Test;

namespace {

QByteArray fileSha(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return h.result().toHex();
}

QJsonObject readManifest(const QString &file)
{
    QFile f(DeskBackup::manifestPath(file));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

void writeManifest(const QString &file, const QJsonObject &o)
{
    QFile f(DeskBackup::manifestPath(file));
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(QJsonDocument(o).toJson());
}

// What someone crafting a file would do: make the manifest agree with the file's size and SHA-256.
void reseal(const QString &file, QJsonObject changes = {})
{
    QJsonObject m = readManifest(file);
    m.insert(QStringLiteral("bytes"), QFileInfo(file).size());
    m.insert(QStringLiteral("sha256"), QString::fromLatin1(fileSha(file)));
    for (auto it = changes.begin(); it != changes.end(); ++it)
        m.insert(it.key(), it.value());
    writeManifest(file, m);
}

void flipByte(const QString &file, qint64 offset)
{
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadWrite));
    QVERIFY(f.seek(offset));
    char c = 0;
    QVERIFY(f.getChar(&c));
    QVERIFY(f.seek(offset));
    QVERIFY(f.putChar(char(c ^ 0x5a)));
}

void sqlOn(const QString &file, const char *sql)
{
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open(QFile::encodeName(file).constData(), &db), SQLITE_OK);
    char *msg = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &msg);
    const QString why = msg ? QString::fromUtf8(msg) : QString();
    sqlite3_free(msg);
    sqlite3_close(db);
    QVERIFY2(rc == SQLITE_OK, qPrintable(why));
}

// A closed desk with `subscribers` subscribers: its path and desk id.
std::pair<QString, QString> makeDesk(int subscribers,
                                     const QString &prefix = QStringLiteral("Martin"))
{
    QString path, id;
    {
        DeskFixture fx;
        for (int i = 0; i < subscribers; ++i)
            fx.addPerson(prefix + QString::number(i));
        path = fx.store().path();
        id = fx.store().desk().deskId;
    }
    return {path, id};
}

qint64 subscriberCount(const QString &dbPath)
{
    auto s = Store::open(dbPath);
    if (!s)
        return -1;
    QSqlQuery q(s.value().db());
    return q.exec(QStringLiteral("SELECT count(*) FROM subscriber")) && q.next()
               ? q.value(0).toLongLong()
               : -1;
}

DeskBackup::Entry entryAt(const QString &name, const QDateTime &when)
{
    DeskBackup::Entry e;
    e.path = name;
    e.created = when;
    return e;
}

} // namespace

class TestDeskBackup : public QObject
{
    Q_OBJECT

private slots:
    void backupAndVerify();
    void backupWhileAClerkWrites();
    void damagedOrCraftedRefused_data();
    void damagedOrCraftedRefused();
    void restoreBringsBackAndKeepsAside();
    void restoreRefusedWhileOpen();
    void restoreOfAnotherDesk();
    void restoreOntoNoDesk();
    void rotation_data();
    void rotation();
    void automaticWithSecondFolder();
    void restoreAtNextStart();
};

void TestDeskBackup::backupAndVerify()
{
    const auto [desk, id] = makeDesk(25);
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("b.sqlite"));
    auto m = DeskBackup::backup(desk, file);
    QVERIFY2(m.ok(), m.ok() ? "" : qPrintable(m.error().fullText()));
    QCOMPARE(m->deskId, id);
    QCOMPARE(m->schemaVersion, Migrations::currentVersion());
    QCOMPARE(m->rowsOf(QStringLiteral("subscriber")), 25);
    QCOMPARE(m->rowsOf(QStringLiteral("outbox")), 27); // a title, an offer, 25 subscribers
    QCOMPARE(m->pendingOperations, 27);
    QVERIFY(!m->verifiedAt.isEmpty());
    QCOMPARE(QString::fromLatin1(fileSha(file)), m->sha256);
    QVERIFY(!QFileInfo::exists(file + QStringLiteral("-wal"))); // one file, no WAL beside it
    auto v = DeskBackup::verify(file);
    QVERIFY2(v.ok(), v.ok() ? "" : qPrintable(v.error().fullText()));
    QCOMPARE(v->sha256, m->sha256);
    // No part file left behind.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 2);
}

// The copy is one read snapshot: a clerk who keeps saving during the backup neither blocks it nor
// makes it inconsistent; the backup holds what the desk held at its start, verified row for row.
void TestDeskBackup::backupWhileAClerkWrites()
{
    const auto [desk, id] = makeDesk(2000);
    std::atomic<bool> stop = false;
    std::atomic<int> written = 0;
    QThread *clerk = QThread::create([path = desk, &stop, &written] {
        auto s = Store::open(path);
        if (!s)
            return;
        while (!stop) {
            if (s.value().addSubscriber(
                    DeskFixture::person(QStringLiteral("Pendant%1").arg(written.load()))))
                ++written;
        }
    });
    clerk->start();
    QTRY_VERIFY(written > 5);
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("b.sqlite"));
    int steps = 0;
    auto m = DeskBackup::backup(desk, file, QStringLiteral("manual"), [&steps](qint64, qint64) {
        ++steps;
        return true;
    });
    const int during = written;
    stop = true;
    clerk->wait();
    delete clerk;
    QVERIFY2(m.ok(), m.ok() ? "" : qPrintable(m.error().fullText()));
    QVERIFY(steps >= 1);
    QVERIFY(during > 5);
    const qint64 copied = m->rowsOf(QStringLiteral("subscriber"));
    QVERIFY2(copied >= 2005 && copied <= 2000 + during, qPrintable(QString::number(copied)));
    QCOMPARE(m->rowsOf(QStringLiteral("outbox")), copied + 2); // each subscriber with its operation
    QVERIFY(DeskBackup::verify(file).ok());
}

void TestDeskBackup::damagedOrCraftedRefused_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QStringList>("rules"); // any of these is the right refusal
    QTest::newRow("a flipped byte") << "flip" << QStringList{QStringLiteral("backup.checksum")};
    QTest::newRow("a flipped byte, the manifest resealed")
        << "flip-resealed" << QStringList{QStringLiteral("backup.integrity")};
    QTest::newRow("truncated") << "truncate" << QStringList{QStringLiteral("backup.truncated")};
    QTest::newRow("truncated, the manifest resealed")
        << "truncate-resealed" << QStringList{QStringLiteral("backup.integrity")};
    QTest::newRow("swapped for another desk's backup")
        << "swap"
        << QStringList{QStringLiteral("backup.checksum"), QStringLiteral("backup.size"),
                       QStringLiteral("backup.truncated")};
    QTest::newRow("crafted: an unknown table")
        << "unknown-table" << QStringList{QStringLiteral("backup.schema")};
    QTest::newRow("crafted: a trigger added")
        << "trigger" << QStringList{QStringLiteral("backup.schema")};
    QTest::newRow("crafted: a table redefined")
        << "redefined" << QStringList{QStringLiteral("backup.schema")};
    QTest::newRow("crafted: counts that lie")
        << "counts" << QStringList{QStringLiteral("backup.counts")};
    QTest::newRow("crafted: rows deleted, manifest resealed")
        << "rows-deleted" << QStringList{QStringLiteral("backup.counts")};
    QTest::newRow("crafted: another desk id in the manifest")
        << "desk-id" << QStringList{QStringLiteral("backup.desk")};
    QTest::newRow("crafted: a newer schema version")
        << "newer" << QStringList{QStringLiteral("backup.schema_version")};
    QTest::newRow("not an SQLite file")
        << "not-sqlite" << QStringList{QStringLiteral("backup.not_sqlite")};
    QTest::newRow("manifest missing")
        << "no-manifest" << QStringList{QStringLiteral("backup.manifest_missing")};
    QTest::newRow("manifest not JSON")
        << "bad-manifest" << QStringList{QStringLiteral("backup.manifest_unreadable")};
}

// Each damaged or crafted backup is refused by verify (naming the rule) and by restore, and the
// desk file stays byte for byte as it was, with nothing kept aside.
void TestDeskBackup::damagedOrCraftedRefused()
{
    QFETCH(QString, damage);
    QFETCH(QStringList, rules);
    const auto [desk, id] = makeDesk(300);
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("b.sqlite"));
    QVERIFY(DeskBackup::backup(desk, file).ok());
    if (damage == u"flip" || damage == u"flip-resealed") {
        flipByte(file, 2 * 4096 + 7); // inside the third page: a b-tree page header
        if (damage == u"flip-resealed")
            reseal(file);
    } else if (damage.startsWith(u"truncate")) {
        QFile f(file);
        QVERIFY(f.resize(f.size() / 2));
        if (damage == u"truncate-resealed")
            reseal(file);
    } else if (damage == u"swap") {
        const auto other = makeDesk(310, QStringLiteral("Autre"));
        const QString otherFile = dir.filePath(QStringLiteral("other.sqlite"));
        QVERIFY(DeskBackup::backup(other.first, otherFile).ok());
        QVERIFY(QFile::remove(file));
        QVERIFY(QFile::copy(otherFile, file));
    } else if (damage == u"unknown-table") {
        sqlOn(file, "CREATE TABLE evil (x TEXT); INSERT INTO evil VALUES ('x')");
        reseal(file);
    } else if (damage == u"trigger") {
        sqlOn(file, "CREATE TRIGGER evil AFTER INSERT ON subscriber BEGIN DELETE FROM outbox; END");
        reseal(file);
    } else if (damage == u"redefined") {
        sqlOn(file, "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = replace(sql, "
                    "'number INTEGER NOT NULL "
                    "UNIQUE', 'number INTEGER NOT NULL UNIQUE CHECK (number < 1000000)') WHERE "
                    "name = 'subscriber'");
        reseal(file);
    } else if (damage == u"counts") {
        QJsonObject counts = readManifest(file).value(QStringLiteral("counts")).toObject();
        counts.insert(QStringLiteral("subscriber"), 301);
        reseal(file, {{QStringLiteral("counts"), counts}});
    } else if (damage == u"rows-deleted") {
        sqlOn(file, "DELETE FROM outbox WHERE seq > 100");
        reseal(file);
    } else if (damage == u"desk-id") {
        reseal(file, {{QStringLiteral("desk_id"),
                       QStringLiteral("6d3c1f4e-0000-4000-8000-000000000000")}});
    } else if (damage == u"newer") {
        sqlOn(file, "PRAGMA user_version = 99");
        reseal(file);
    } else if (damage == u"not-sqlite") {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QByteArray(8192, 'x'));
        f.close();
        reseal(file);
    } else if (damage == u"no-manifest") {
        QVERIFY(QFile::remove(DeskBackup::manifestPath(file)));
    } else if (damage == u"bad-manifest") {
        QFile f(DeskBackup::manifestPath(file));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("{\"format\": \"relais-desk-backup\", \"version\": 1, ");
    }

    auto v = DeskBackup::verify(file);
    QVERIFY(!v.ok());
    QCOMPARE(v.error().kind, ErrorKind::Invalid);
    QVERIFY2(rules.contains(v.error().code),
             qPrintable(v.error().code + u' ' + v.error().fullText()));
    QVERIFY(!v.error().issues.isEmpty());
    QCOMPARE(v.error().issues.first().field, QStringLiteral("b.sqlite")); // names the file

    // The desk holds newer work than the backup; a refused restore leaves it exactly as it was.
    {
        auto s = Store::open(desk);
        QVERIFY(s.ok());
        QVERIFY(s.value().addSubscriber(DeskFixture::person(QStringLiteral("Apres"))).ok());
    }
    const QByteArray before = fileSha(desk);
    const QStringList filesBefore = QFileInfo(desk).absoluteDir().entryList(QDir::Files);
    auto r = DeskBackup::restore(file, desk);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, v.error().code);
    QCOMPARE(fileSha(desk), before);
    QCOMPARE(QFileInfo(desk).absoluteDir().entryList(QDir::Files), filesBefore);
    QCOMPARE(subscriberCount(desk), 301);
}

void TestDeskBackup::restoreBringsBackAndKeepsAside()
{
    const auto [desk, id] = makeDesk(10);
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("b.sqlite"));
    QVERIFY(DeskBackup::backup(desk, file).ok());
    {
        auto s = Store::open(desk);
        QVERIFY(s.ok());
        for (int i = 0; i < 5; ++i)
            QVERIFY(s.value()
                        .addSubscriber(DeskFixture::person(QStringLiteral("Apres%1").arg(i)))
                        .ok());
    }
    QCOMPARE(subscriberCount(desk), 15);
    auto r = DeskBackup::restore(file, desk);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().fullText()));
    QCOMPARE(r->previousDeskId, id);
    QCOMPARE(subscriberCount(desk), 10);
    // The outbox came back with it: the 12 operations queued when the backup was taken.
    {
        auto s = Store::open(desk);
        QVERIFY(s.ok());
        QCOMPARE(s.value().pendingOperationCount(), 12);
        QCOMPARE(s.value().desk().deskId, id);
        QVERIFY(s.value().check().ok);
    }
    // The file as it was, with its newer work, kept aside (WAL included).
    QVERIFY(QFileInfo::exists(r->keptAside));
    const QString aside = QFileInfo(desk).absoluteDir().filePath(QStringLiteral("aside.sqlite"));
    QVERIFY(QFile::copy(r->keptAside, aside));
    if (QFileInfo::exists(r->keptAside + QStringLiteral("-wal")))
        QVERIFY(QFile::copy(r->keptAside + QStringLiteral("-wal"), aside + QStringLiteral("-wal")));
    QCOMPARE(subscriberCount(aside), 15);
}

void TestDeskBackup::restoreRefusedWhileOpen()
{
    const auto [desk, id] = makeDesk(5);
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("b.sqlite"));
    QVERIFY(DeskBackup::backup(desk, file).ok());
    auto open = Store::open(desk); // the window, idle between two saves
    QVERIFY(open.ok());
    QVERIFY(open.value().addSubscriber(DeskFixture::person(QStringLiteral("Ouvert"))).ok());
    auto r = DeskBackup::restore(file, desk);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("restore.desk_in_use"));
    QCOMPARE(open.value().subscriberByNumber(6).has_value(), true);
    QSqlQuery q(open.value().db());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM subscriber")) && q.next());
    QCOMPARE(q.value(0).toInt(), 6);
    QCOMPARE(QFileInfo(desk)
                 .absoluteDir()
                 .entryList({QStringLiteral("*before-restore*")}, QDir::Files)
                 .size(),
             0);
}

void TestDeskBackup::restoreOfAnotherDesk()
{
    const auto [desk, id] = makeDesk(5);
    const auto other = makeDesk(7, QStringLiteral("Autre"));
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("other.sqlite"));
    QVERIFY(DeskBackup::backup(other.first, file).ok());
    QVERIFY(DeskBackup::verify(file).ok()); // a valid backup on its own...
    const QByteArray before = fileSha(desk);
    auto r = DeskBackup::restore(file, desk); // ...but not of this desk
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("restore.other_desk"));
    QCOMPARE(fileSha(desk), before);
    DeskBackup::RestoreOptions o;
    o.allowOtherDesk = true;
    auto forced = DeskBackup::restore(file, desk, o);
    QVERIFY(forced.ok());
    QCOMPARE(subscriberCount(desk), 7);
}

void TestDeskBackup::restoreOntoNoDesk()
{
    const auto [desk, id] = makeDesk(4);
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("b.sqlite"));
    QVERIFY(DeskBackup::backup(desk, file).ok());
    const QString fresh = dir.filePath(QStringLiteral("new-pc.sqlite")); // a new PC: no desk yet
    auto r = DeskBackup::restore(file, fresh);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().fullText()));
    QVERIFY(r->keptAside.isEmpty());
    QCOMPARE(subscriberCount(fresh), 4);
    auto s = Store::open(fresh);
    QCOMPARE(s.value().desk().deskId, id);
}

void TestDeskBackup::rotation_data()
{
    QTest::addColumn<QList<int>>("daysAgo"); // one backup per entry, at noon
    QTest::addColumn<QList<int>>("removed"); // indexes into daysAgo
    QTest::newRow("fewer than 7 days") << QList<int>{0, 1, 2, 3} << QList<int>{};
    QTest::newRow("two on one day: the older goes") << QList<int>{0, 0, 1} << QList<int>{1};
    // 30 daily backups: the 7 newest days, then the newest of each of the 4 most recent weeks.
    QList<int> month;
    for (int i = 0; i < 30; ++i)
        month << i;
    QList<int> removed;
    const QDate today = QDate(2026, 12, 3); // a Thursday
    QSet<int> weeksSeen;
    for (int i = 0; i < 30; ++i) {
        const int week = today.addDays(-i).weekNumber();
        const bool firstOfWeek = !weeksSeen.contains(week);
        weeksSeen.insert(week);
        const bool keep = i < 7 || (firstOfWeek && weeksSeen.size() <= 4);
        if (!keep)
            removed << i;
    }
    QTest::newRow("a month of daily backups") << month << removed;
}

void TestDeskBackup::rotation()
{
    QFETCH(QList<int>, daysAgo);
    QFETCH(QList<int>, removed);
    const QDateTime noon(QDate(2026, 12, 3), QTime(12, 0));
    QList<DeskBackup::Entry> entries;
    for (int i = 0; i < daysAgo.size(); ++i)
        entries << entryAt(QStringLiteral("b%1").arg(i), noon.addDays(-daysAgo[i]).addSecs(-i));
    QStringList expected;
    for (int i : removed)
        expected << QStringLiteral("b%1").arg(i);
    QStringList victims = DeskBackup::rotationVictims(entries);
    victims.sort();
    expected.sort();
    QCOMPARE(victims, expected);
    QVERIFY(entries.size() - victims.size() <= 11);
}

void TestDeskBackup::automaticWithSecondFolder()
{
    const auto [desk, id] = makeDesk(3);
    QTemporaryDir second;
    const QString folder = DeskBackup::defaultFolder(desk);
    QVERIFY(DeskBackup::dailyDue(folder));
    auto r = DeskBackup::automatic(desk, folder, QStringLiteral("daily"), second.path());
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().fullText()));
    QVERIFY(r->copyProblem.isEmpty());
    QVERIFY(DeskBackup::verify(r->copiedTo).ok());
    QVERIFY(!DeskBackup::dailyDue(folder));
    // A second one the same day (the window closes): the rotation keeps the newer one only.
    auto again = DeskBackup::automatic(desk, folder, QStringLiteral("close"), second.path());
    QVERIFY(again.ok());
    QCOMPARE(again->removed, QStringList{r->file});
    const auto entries = DeskBackup::list(folder);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().manifest->kind, QStringLiteral("close"));
    QCOMPARE(DeskBackup::list(second.path()).size(), 1);
    // A second folder that cannot be written: the backup itself stands, the problem is reported.
    auto bad = DeskBackup::automatic(desk, folder, QStringLiteral("daily"),
                                     QStringLiteral("/proc/relais-no-such"));
    QVERIFY(bad.ok());
    QVERIFY(!bad->copyProblem.isEmpty());
    QVERIFY(DeskBackup::verify(bad->file).ok());
}

void TestDeskBackup::restoreAtNextStart()
{
    const auto [desk, id] = makeDesk(3);
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("b.sqlite"));
    QVERIFY(DeskBackup::backup(desk, file).ok());
    {
        auto s = Store::open(desk);
        QVERIFY(s.value().addSubscriber(DeskFixture::person(QStringLiteral("Apres"))).ok());
        // Asked while the desk is open (the window): recorded, nothing changed yet.
        QVERIFY(DeskBackup::requestRestore(desk, file).ok());
        QCOMPARE(DeskBackup::pendingRestore(desk).value_or(QString()),
                 QFileInfo(file).absoluteFilePath());
    }
    QCOMPARE(subscriberCount(desk), 4);
    auto applied = DeskBackup::applyPendingRestore(desk); // the next start
    QVERIFY(applied.has_value());
    QVERIFY(applied->ok());
    QCOMPARE(subscriberCount(desk), 3);
    QVERIFY(!DeskBackup::pendingRestore(desk).has_value());
    QVERIFY(!DeskBackup::applyPendingRestore(desk).has_value());
    // A damaged backup is refused when asked, not at the next start.
    flipByte(file, 5000);
    QVERIFY(!DeskBackup::requestRestore(desk, file).ok());
    QVERIFY(!DeskBackup::pendingRestore(desk).has_value());
}

QTEST_GUILESS_MAIN(TestDeskBackup)
#include "tst_deskbackup.moc"
