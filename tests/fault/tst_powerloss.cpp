// Power cuts below SQLite (tests/fault/faultvfs.h): at every point where the desk's write path, its
// outbox, an import or a pull page changes a file, the power goes out and every write that had not
// been synced to the disk is thrown away. With synchronous=FULL (what Database::open sets) every
// change that returned "saved" is there afterwards and the file is sound; with synchronous=NORMAL
// the same test finds saved changes gone — proof that it can fail.

#include "csvimport.h"
#include "deskfixture.h"
#include "faultvfs.h"
#include "importguard.h"
#include "inbound.h"
#include "outbox.h"
#include "powercut.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Relais;
using namespace Relais::Test;

namespace {

constexpr int kImportRows = 30;
constexpr int kPages = 3;
constexpr int kRowsPerPage = 4;

Expectation columnIs(const QString &table, const QString &id, const QString &column,
                     const QVariant &value)
{
    return {QStringLiteral("%1 %2: %3 = %4").arg(table, id.left(8), column, value.toString()),
            [=](QSqlDatabase &db) {
                return PowerCut::scalar(db,
                                        QStringLiteral("SELECT %1 FROM %2 WHERE id = ?")
                                            .arg(column, table),
                                        {id})
                       == value;
            }};
}

Expectation queued(const QString &entityId, const QString &operation)
{
    return {QStringLiteral("outbox %1 of %2").arg(operation, entityId.left(8)),
            [=](QSqlDatabase &db) {
                return PowerCut::scalar(
                           db,
                           QStringLiteral(
                               "SELECT count(*) FROM outbox WHERE entity_id = ? AND operation = ?"),
                           {entityId, operation})
                           .toInt()
                       == 1;
            }};
}

// A clerk's morning: new subscribers, an edit, a subscription, a hold, a cancellation.
void deskWork(Store &store, Ledger &ledger)
{
    const auto offer = store.offerByCode(QStringLiteral("LQC-12M"));
    if (!offer)
        return;
    QList<Subscriber> people;
    for (const QString &name :
         {QStringLiteral("Aubert"), QStringLiteral("Bernard"), QStringLiteral("Chevalier")}) {
        auto r = store.addSubscriber(DeskFixture::person(name));
        if (!r)
            return;
        people << *r;
        ledger << columnIs(QStringLiteral("subscriber"), r->meta.id, QStringLiteral("last_name"),
                           name)
               << queued(r->meta.id, QStringLiteral("subscriber.create"));
    }
    Subscriber edited = people.at(0);
    edited.firstName = QStringLiteral("Perrine");
    if (!store.updateSubscriber(edited, people.at(0)))
        return;
    ledger << columnIs(QStringLiteral("subscriber"), edited.meta.id, QStringLiteral("first_name"),
                       edited.firstName);

    Subscription s;
    s.recipientId = people.at(1).meta.id;
    s.offerId = offer->meta.id;
    s.start = QDate(2026, 1, 5);
    auto sub = store.addSubscription(s);
    if (!sub)
        return;
    ledger << columnIs(QStringLiteral("subscription"), sub->meta.id, QStringLiteral("start_date"),
                       QStringLiteral("2026-01-05"));

    DeliveryChange hold;
    hold.subscriptionId = sub->meta.id;
    hold.kind = DeliveryChangeKind::Hold;
    hold.from = QDate(2026, 2, 2);
    hold.to = QDate(2026, 2, 14);
    auto held = store.addDeliveryChange(hold);
    if (!held)
        return;
    ledger << columnIs(QStringLiteral("delivery_change"), held->meta.id, QStringLiteral("to_date"),
                       QStringLiteral("2026-02-14"));

    if (!store.cancelSubscription(sub->meta.id, QDate(2026, 6, 1), QStringLiteral("déménagement")))
        return;
    ledger << columnIs(QStringLiteral("subscription"), sub->meta.id, QStringLiteral("cancel_date"),
                       QStringLiteral("2026-06-01"));

    auto last = store.addSubscriber(DeskFixture::person(QStringLiteral("Dumas")));
    if (!last)
        return;
    ledger << columnIs(QStringLiteral("subscriber"), last->meta.id, QStringLiteral("last_name"),
                       QStringLiteral("Dumas"));
}

// The sync engine records the server's answers: some applied, one rejected, then a purge.
void outboxWork(Store &store, Ledger &ledger)
{
    Outbox outbox(store.db());
    auto batch = outbox.pendingBatch(100);
    if (!batch || batch->size() < 5)
        return;
    for (int i = 0; i < 4; ++i) {
        Protocol::OpResult r;
        r.seq = batch->at(i).seq;
        r.opId = batch->at(i).opId;
        r.status = i == 3 ? Protocol::OpStatus::Rejected : Protocol::OpStatus::Applied;
        r.rev = i == 3 ? 0 : 100 + i;
        if (i == 3) {
            r.code = QStringLiteral("rule.test");
            r.message = QStringLiteral("refusé pour le test");
        }
        if (!outbox.recordResults({r}, r.seq))
            return;
        ledger << Expectation{QStringLiteral("outbox %1 answered").arg(r.seq),
                              [seq = r.seq, i](QSqlDatabase &db) {
                                  // Purged (acknowledged and held by a backup) counts as answered too.
                                  const QVariant st = PowerCut::scalar(
                                      db, QStringLiteral("SELECT state FROM outbox WHERE seq = ?"),
                                      {seq});
                                  return i == 3 ? st == QStringLiteral("rejected")
                                                : (!st.isValid() || st == QStringLiteral("acked"));
                              }};
    }
    if (!outbox.purgeUpTo(batch->at(1).seq))
        return;
    ledger << Expectation{
        QStringLiteral("outbox purged"), [upTo = batch->at(1).seq](QSqlDatabase &db) {
            return PowerCut::scalar(db,
                                    QStringLiteral("SELECT count(*) FROM outbox WHERE seq <= ?"),
                                    {upTo})
                       .toInt()
                   == 0;
        }};
}

QString importFile(const QString &folder)
{
    const QString path = folder + QStringLiteral("/import.csv");
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    f.write("numero;civilite;prenom;nom;adresse;code postal;ville\r\n");
    for (int i = 0; i < kImportRows; ++i)
        f.write(";Mme;Anne;Importe" + QByteArray(1, char('a' + i % 26))
                + QByteArray(1, char('a' + i / 26)) + ";" + QByteArray::number(i + 1)
                + " rue de la Paix;75002;PARIS\r\n");
    return path;
}

qint64 imported(QSqlDatabase &db)
{
    return PowerCut::scalar(db,
                            QStringLiteral(
                                "SELECT count(*) FROM subscriber WHERE last_name LIKE 'Importe%'"))
        .toLongLong();
}

// Rows as the server sends them: every column of the table, under this desk's publisher.
QList<QJsonObject> s_pulledRows;

void pullWork(Store &store, Ledger &ledger)
{
    Inbound inbound(store.db());
    for (int page = 0; page < kPages; ++page) {
        QList<InboundRow> rows;
        for (int i = 0; i < kRowsPerPage; ++i) {
            QJsonObject row = s_pulledRows.at(page * kRowsPerPage + i);
            row.insert(QStringLiteral("publisher_id"), store.desk().publisherId);
            const qint64 seq = 10 * (page + 1) + i;
            rows << InboundRow{QStringLiteral("subscriber"),
                               row.value(QStringLiteral("id")).toString(), seq, row};
        }
        const qint64 cursor = 10 * (page + 1) + kRowsPerPage;
        if (!inbound.applyPullPage(rows, cursor))
            return;
        for (const InboundRow &r : std::as_const(rows))
            ledger << columnIs(QStringLiteral("subscriber"), r.id, QStringLiteral("last_name"),
                               r.row.value(QStringLiteral("last_name")).toString());
        ledger
            << Expectation{QStringLiteral("pull cursor %1").arg(cursor),
                           [cursor](QSqlDatabase &db) {
                               return PowerCut::scalar(db,
                                                       QStringLiteral(
                                                           "SELECT value FROM meta WHERE key = ?"),
                                                       {QString::fromLatin1(SyncKey::PullCursor)})
                                          .toLongLong()
                                      >= cursor;
                           }};
    }
}

} // namespace

class tst_PowerLoss : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void writePath_data() { modes(); }
    void writePath();
    void outbox_data() { modes(); }
    void outbox();
    void import_data() { modes(); }
    void import();
    void pullPage_data() { modes(); }
    void pullPage();
    void cleanupTestCase();

private:
    void modes();
    void check(const QString &what, const CutReport &r);
    QTemporaryDir m_dir;
    int m_points = 0;
    int m_commits = 0;
    int m_lostNormal = 0;
};

void tst_PowerLoss::modes()
{
    QTest::addColumn<QString>("synchronous");
    QTest::newRow("FULL") << QStringLiteral("FULL");
    QTest::newRow("NORMAL") << QStringLiteral("NORMAL");
}

void tst_PowerLoss::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Every cut makes a rollback fail and a dead import be taken back: expected, and hundreds of them.
    QLoggingCategory::setFilterRules(
        QStringLiteral("relais.db.warning=false\nrelais.import.info=false"));
    FaultVfs::install();
    s_pulledRows = rowsFromAnotherDesk(m_dir.filePath(QStringLiteral("source.sqlite")),
                                       kPages * kRowsPerPage);
}

void tst_PowerLoss::check(const QString &what, const CutReport &r)
{
    QFETCH(QString, synchronous);
    qInfo("power cuts, %s, synchronous=%s: %d cut points tried (%d inside the work), %d saved "
          "changes checked, "
          "%d lost, %d damaged files, %lld unsynced bytes thrown away",
          qPrintable(what), qPrintable(synchronous), r.points, r.cutsLanded, r.commits, r.lost,
          r.damaged, r.bytesThrownAway);
    for (const QString &e : r.examples)
        qInfo("  %s", qPrintable(e));
    QVERIFY2(r.points >= 20, "too few cut points: the workload writes almost nothing");
    QVERIFY2(r.cutsLanded >= r.points * 3 / 4, "most cuts must fall inside the work, not after it");
    QVERIFY2(r.commits > 0, "no saved change was ever checked");
    QCOMPARE(r.damaged, 0);
    m_points += r.points;
    m_commits += r.commits;
    if (synchronous == u"FULL") {
        QCOMPARE(r.lost, 0);
    } else {
        // With NORMAL, a commit is in the WAL but not on the disk until the next checkpoint: the
        // test must see it go, or it could not tell FULL from NORMAL.
        QVERIFY2(r.lost > 0, "synchronous=NORMAL lost nothing: the power cut is not simulated");
        m_lostNormal += r.lost;
    }
}

void tst_PowerLoss::writePath()
{
    QFETCH(QString, synchronous);
    PowerCut cut(m_dir.filePath(QStringLiteral("writepath-") + synchronous));
    cut.prepare(addCatalogue);
    check(QStringLiteral("write path"), cut.run(deskWork, synchronous, 200));
}

void tst_PowerLoss::outbox()
{
    QFETCH(QString, synchronous);
    PowerCut cut(m_dir.filePath(QStringLiteral("outbox-") + synchronous));
    cut.prepare([](Store &store) {
        addCatalogue(store);
        for (int i = 0; i < 6; ++i)
            if (!store.addSubscriber(
                    DeskFixture::person(QStringLiteral("Envoi") + QChar(u'a' + i))))
                qFatal("subscriber");
    });
    check(QStringLiteral("outbox answers"), cut.run(outboxWork, synchronous, 200));
}

void tst_PowerLoss::import()
{
    QFETCH(QString, synchronous);
    const QString folder = m_dir.filePath(QStringLiteral("import-") + synchronous);
    PowerCut cut(folder);
    cut.prepare(addCatalogue);
    const QString csv = importFile(folder);
    auto work = [csv](Store &store, Ledger &ledger) {
        Csv::ImportOptions o;
        o.inPath = csv;
        o.chunkRows = 8; // several chunks, each its own transaction
        o.chunkMs = 60000;
        if (!Csv::importSubscribers(store, o))
            return;
        ledger << Expectation{QStringLiteral("import of %1 rows").arg(kImportRows),
                              [](QSqlDatabase &db) { return imported(db) == kImportRows; }};
    };
    // After the cut, the next import or sync round takes a dead import back: all or nothing.
    auto recover = [](Store &store) {
        QVERIFY(ImportGuard::recover(store.db(), store.path()));
        const qint64 n = imported(store.db());
        QVERIFY2(n == 0 || n == kImportRows,
                 qPrintable(QStringLiteral("%1 rows of an import kept").arg(n)));
    };
    check(QStringLiteral("CSV import"), cut.run(work, synchronous, 200, recover));
}

void tst_PowerLoss::pullPage()
{
    QFETCH(QString, synchronous);
    PowerCut cut(m_dir.filePath(QStringLiteral("pull-") + synchronous));
    cut.prepare(addCatalogue);
    check(QStringLiteral("pull pages"), cut.run(pullWork, synchronous, 200));
}

void tst_PowerLoss::cleanupTestCase()
{
    qInfo("power cuts in all: %d cut points tried, %d saved changes checked; synchronous=FULL lost "
          "none, "
          "synchronous=NORMAL lost %d (as it must)",
          m_points, m_commits, m_lostNormal);
}

QTEST_GUILESS_MAIN(tst_PowerLoss)
#include "tst_powerloss.moc"
