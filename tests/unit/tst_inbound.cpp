// A first copy's pages as the desk writes them (models/inbound.h): a page written in slices is one
// page, a page dropped half way leaves nothing, and the search index of the subscribers copied is
// built once at the end (migrations step 10) — right even when a clerk changes or removes a
// copied subscriber before that end, and at once when the desk is opened after a cut-short copy.

#include "database.h"
#include "deskfixture.h"
#include "inbound.h"
#include "protocol.h"
#include "search.h"
#include "store.h"
#include "testsupport.h"

#include <QSqlQuery>
#include <QTest>

using namespace Relais;
using Relais::Test::DeskFixture;

namespace {

QVariant scalar(QSqlDatabase db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        return {};
    return q.value(0);
}

// Subscribers as the server sends them: every column, under the desk's publisher.
QList<InboundRow> serverPage(const QString &publisherId, const QString &lastNamePrefix, int count,
                             qint64 firstNumber)
{
    QList<InboundRow> rows;
    for (int i = 0; i < count; ++i) {
        Subscriber s = DeskFixture::person(lastNamePrefix + QString(QChar(u'a' + i % 26))
                                           + QString(QChar(u'a' + i / 26 % 26)));
        s.number = firstNumber + i;
        s.publisherId = publisherId;
        const QVariantMap values = Rows::subscriber(s);
        QJsonObject row;
        for (auto it = values.cbegin(); it != values.cend(); ++it)
            row.insert(it.key(), Protocol::columnValueToJson(it.value()));
        const QString id = newUuid();
        row.insert(QStringLiteral("id"), id);
        row.insert(QStringLiteral("rev"), firstNumber + i);
        row.insert(QStringLiteral("updated_at"), QStringLiteral("2026-12-04T10:00:00.000Z"));
        row.insert(QStringLiteral("updated_by"), QStringLiteral("centre"));
        InboundRow r{QStringLiteral("subscriber"), id, firstNumber + i, row};
        Inbound::prepareWhole(r);
        rows << r;
    }
    return rows;
}

qsizetype hits(QSqlDatabase db, const QString &text)
{
    auto r = SubscriberSearch(db).run(text, 1000);
    return r.ok() ? r.value().size() : -1;
}

bool searchIndexSound(QSqlDatabase db)
{
    return QSqlQuery(db).exec(
        QStringLiteral("INSERT INTO subscriber_fts(subscriber_fts) VALUES ('integrity-check')"));
}

} // namespace

class tst_Inbound : public QObject
{
    Q_OBJECT
private slots:
    void slicesMakeOnePage_data();
    void slicesMakeOnePage();
    void pageDroppedHalfWayLeavesNothing();
    void searchIndexBuiltAtTheEnd();
    void copiedRowsChangedBeforeTheEnd();
    void cutShortCopyIndexedAtOpen();
};

void tst_Inbound::slicesMakeOnePage_data()
{
    QTest::addColumn<int>("slice");
    QTest::newRow("row by row") << 1;
    QTest::newRow("uneven slices") << 7;
    QTest::newRow("whole page") << 60;
}

void tst_Inbound::slicesMakeOnePage()
{
    QFETCH(int, slice);
    DeskFixture f;
    const QList<InboundRow> rows = serverPage(f.store().desk().publisherId,
                                              QStringLiteral("Tranche"), 60, 1000);
    Inbound in(f.store().db());
    QVERIFY(in.beginSnapshotPage(false).ok());
    QVERIFY(in.inSnapshotPage());
    for (qsizetype at = 0; at < rows.size(); at += slice)
        QVERIFY(in.writeSnapshotSlice(
                      std::span<const InboundRow>(rows.constData() + at,
                                                  qMin<qsizetype>(slice, rows.size() - at)))
                    .ok());
    auto page = in.endSnapshotPage(rows, QStringLiteral("subscriber"), rows.last().id, 99);
    QVERIFY2(page.ok(), page.ok() ? "" : qPrintable(page.error().fullText()));
    QVERIFY(!in.inSnapshotPage());
    QCOMPARE(page.value().written, 60);
    QCOMPARE(page.value().tables, QStringList{QStringLiteral("subscriber")});
    QCOMPARE(scalar(f.store().db(), QStringLiteral("SELECT count(*) FROM subscriber")).toInt(), 60);
    QCOMPARE(f.store().metaValue(QString::fromLatin1(SyncKey::BootstrapAfter)), rows.last().id);
    // Every page but the last is committed with synchronous=NORMAL; the connection is FULL again.
    QCOMPARE(scalar(f.store().db(), QStringLiteral("PRAGMA synchronous")).toInt(), 2);
}

void tst_Inbound::pageDroppedHalfWayLeavesNothing()
{
    DeskFixture f;
    const QList<InboundRow> rows = serverPage(f.store().desk().publisherId, QStringLiteral("Perdu"),
                                              40, 1000);
    {
        Inbound in(f.store().db());
        QVERIFY(in.beginSnapshotPage(false).ok());
        QVERIFY(in.writeSnapshotSlice(std::span<const InboundRow>(rows.constData(), 25)).ok());
        // A second page cannot begin inside the first.
        QVERIFY(!in.beginSnapshotPage(false).ok());
        in.abandonSnapshotPage();
        QVERIFY(!in.inSnapshotPage());
    }
    QCOMPARE(scalar(f.store().db(), QStringLiteral("SELECT count(*) FROM subscriber")).toInt(), 0);
    QCOMPARE(f.store().metaValue(QString::fromLatin1(SyncKey::BootstrapAfter)), QString());
    QCOMPARE(f.store().metaValue(QString::fromLatin1(SyncKey::SearchAfter)), QString());
    QCOMPARE(scalar(f.store().db(), QStringLiteral("PRAGMA synchronous")).toInt(), 2);
    {
        // The same, the writer going away half way (the sync engine closing mid-page).
        Inbound in(f.store().db());
        QVERIFY(in.beginSnapshotPage(false).ok());
        QVERIFY(in.writeSnapshotSlice(std::span<const InboundRow>(rows.constData(), 25)).ok());
    }
    QCOMPARE(scalar(f.store().db(), QStringLiteral("SELECT count(*) FROM subscriber")).toInt(), 0);
    // The desk writes as usual afterwards.
    f.addPerson(QStringLiteral("Apres"));
    QCOMPARE(hits(f.store().db(), QStringLiteral("apres")), 1);
}

void tst_Inbound::searchIndexBuiltAtTheEnd()
{
    DeskFixture f;
    const Subscriber before = f.addPerson(QStringLiteral("Avantcopie"));
    const QString pub = f.store().desk().publisherId;
    const QList<InboundRow> first = serverPage(pub, QStringLiteral("Premiere"), 30, 1000);
    const QList<InboundRow> last = serverPage(pub, QStringLiteral("Derniere"), 30, 2000);
    Inbound in(f.store().db());
    QVERIFY(in.applySnapshotPage(first, QStringLiteral("subscriber"), first.last().id, 50).ok());
    // Set aside above what the index held: the desk's own subscriber stays found meanwhile.
    QCOMPARE(f.store().metaValue(QString::fromLatin1(SyncKey::SearchAfter)),
             scalar(f.store().db(), QStringLiteral("SELECT seq FROM subscriber WHERE id = '%1'")
                                        .arg(before.meta.id))
                 .toString());
    QCOMPARE(hits(f.store().db(), QStringLiteral("avantcopie")), 1);
    QCOMPARE(hits(f.store().db(), QStringLiteral("premiere")), 0);
    QVERIFY(in.applySnapshotPage(last, QString(), QString(), 50).ok());
    QCOMPARE(hits(f.store().db(), QStringLiteral("premiere")), 30);
    QCOMPARE(hits(f.store().db(), QStringLiteral("derniere")), 30);
    QCOMPARE(hits(f.store().db(), QStringLiteral("avantcopie")), 1);
    QCOMPARE(hits(f.store().db(), QString::number(2029)), 1);
    QVERIFY(searchIndexSound(f.store().db()));
    QCOMPARE(f.store().metaValue(QString::fromLatin1(SyncKey::SearchAfter)), QString());
    // FTS5's own merge settings are back for the clerks' changes.
    QCOMPARE(scalar(f.store().db(),
                    QStringLiteral("SELECT v FROM subscriber_fts_config WHERE k = 'automerge'"))
                 .toInt(),
             4);
    QCOMPARE(scalar(f.store().db(),
                    QStringLiteral("SELECT v FROM subscriber_fts_config WHERE k = 'crisismerge'"))
                 .toInt(),
             16);
    // And the triggers index again.
    f.addPerson(QStringLiteral("Ensuite"));
    QCOMPARE(hits(f.store().db(), QStringLiteral("ensuite")), 1);
    QVERIFY(f.store().check().ok);
}

void tst_Inbound::copiedRowsChangedBeforeTheEnd()
{
    // A clerk at work while the copy runs: a copied subscriber renamed, another removed, before the
    // search index has them. The triggers stand aside for both (the index holds neither); the end
    // indexes the names as they are then.
    DeskFixture f;
    const QString pub = f.store().desk().publisherId;
    const QList<InboundRow> first = serverPage(pub, QStringLiteral("Copie"), 10, 1000);
    Inbound in(f.store().db());
    QVERIFY(in.applySnapshotPage(first, QStringLiteral("subscriber"), first.last().id, 50).ok());
    QSqlQuery q(f.store().db());
    QVERIFY(q.exec(QStringLiteral("UPDATE subscriber SET last_name = 'Renomme' WHERE id = '%1'")
                       .arg(first.at(0).id)));
    QVERIFY(q.exec(
        QStringLiteral("UPDATE subscriber SET deleted = 1 WHERE id = '%1'").arg(first.at(1).id)));
    QVERIFY(q.exec(QStringLiteral("DELETE FROM subscriber WHERE id = '%1'").arg(first.at(2).id)));
    QVERIFY(searchIndexSound(f.store().db()));
    QCOMPARE(hits(f.store().db(), QStringLiteral("renomme")), 0); // not yet: set aside
    QVERIFY(in.applySnapshotPage({}, QString(), QString(), 50).ok());
    QCOMPARE(hits(f.store().db(), QStringLiteral("renomme")), 1);
    QCOMPARE(hits(f.store().db(), QStringLiteral("copie")), 7);
    QVERIFY(searchIndexSound(f.store().db()));
    // Changed again after the end: through the triggers, the old words leave the index.
    QVERIFY(q.exec(QStringLiteral("UPDATE subscriber SET last_name = 'Encore' WHERE id = '%1'")
                       .arg(first.at(0).id)));
    QCOMPARE(hits(f.store().db(), QStringLiteral("renomme")), 0);
    QCOMPARE(hits(f.store().db(), QStringLiteral("encore")), 1);
    QVERIFY(searchIndexSound(f.store().db()));
}

void tst_Inbound::cutShortCopyIndexedAtOpen()
{
    const QString path = Test::freshDatabasePath();
    QList<InboundRow> second;
    {
        auto store = Store::open(path);
        QVERIFY(store.ok());
        const QString pub = store.value().desk().publisherId;
        const QList<InboundRow> first = serverPage(pub, QStringLiteral("Coupee"), 20, 1000);
        second = serverPage(pub, QStringLiteral("Reprise"), 20, 2000);
        Inbound in(store.value().db());
        QVERIFY(
            in.applySnapshotPage(first, QStringLiteral("subscriber"), first.last().id, 50).ok());
        QCOMPARE(hits(store.value().db(), QStringLiteral("coupee")), 0);
    } // the copy stops here
    auto reopened = Store::open(path);
    QVERIFY(reopened.ok());
    QSqlDatabase db = reopened.value().db();
    // Opened, the desk is searchable at once, with the indexes the copy had set aside.
    QCOMPARE(hits(db, QStringLiteral("coupee")), 20);
    QCOMPARE(reopened.value().metaValue(QString::fromLatin1(SyncKey::SearchAfter)), QString());
    QVERIFY(scalar(db, QStringLiteral(
                           "SELECT count(*) FROM sqlite_master WHERE name = 'subscriber_postal'"))
                .toInt()
            == 1);
    // The copy goes on, indexing page by page.
    Inbound in(db);
    QVERIFY(in.applySnapshotPage(second, QStringLiteral("subscriber"), second.last().id, 50).ok());
    QCOMPARE(hits(db, QStringLiteral("reprise")), 20);
    QVERIFY(searchIndexSound(db));
}

QTEST_GUILESS_MAIN(tst_Inbound)
#include "tst_inbound.moc"
