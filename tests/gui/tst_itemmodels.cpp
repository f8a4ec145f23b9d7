// The item models and the queries behind them, on a real desk database: paging, search, worklists,
// overview, timeline; QAbstractItemModelTester on every model.

#include "deskqueries.h"
#include "guifixtures.h"
#include "recordmodels.h"
#include "storeworker.h"
#include "subscriberlistmodel.h"
#include "testsupport.h"
#include "timeline.h"
#include "worklistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace Relais;
using namespace Relais::Test;

class TestItemModels : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void pagedListCountsAndOrders();
    void pagedListJumpsToTheEnd();
    void pagedListSearches();
    void pagedListLocates();
    void recordModels();
    void worklists();
    void overview();
    void timelineRebuildsTheAddress();

private:
    void fill(int count);
    QString m_path;
    std::unique_ptr<Store> m_store;
    Catalogue m_catalogue;
};

void TestItemModels::init()
{
    m_path = freshDatabasePath();
    auto s = Store::open(m_path);
    QVERIFY2(s.ok(), s ? "" : qPrintable(s.error().fullText()));
    m_store = std::make_unique<Store>(std::move(s).value());
    m_catalogue = addCatalogue(*m_store);
}

void TestItemModels::cleanup()
{
    m_store.reset();
}

void TestItemModels::fill(int count)
{
    // Names whose order is known: "Nom0000" .. in sort order, one "Dupont" in the middle.
    for (int i = 0; i < count; ++i) {
        const QString last = i == count / 2
                                 ? QStringLiteral("Dupont")
                                 : QStringLiteral("Nom%1").arg(i, 4, 10, QLatin1Char('0'));
        addSubscriber(*m_store, makeSubscriber(QStringLiteral("Anne"), last));
    }
}

void TestItemModels::pagedListCountsAndOrders()
{
    fill(250);
    StoreWorker worker(m_path);
    SubscriberListModel model(&worker);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY(model.isReady());
    QCOMPARE(model.rowCount(), 250);
    QCOMPARE(model.columnCount(), int(SubscriberListModel::ColumnCount));
    // Rows come from the worker: a first read asks for the page, then it is there.
    model.data(model.index(0, SubscriberListModel::NameColumn));
    QTRY_VERIFY(model.isLoaded(0));
    QCOMPARE(model.index(0, SubscriberListModel::NameColumn).data().toString(),
             QStringLiteral("Dupont Anne"));
    QCOMPARE(model.index(1, SubscriberListModel::NameColumn).data().toString(),
             QStringLiteral("Nom0000 Anne"));
    model.data(model.index(150, 0));
    QTRY_VERIFY(model.isLoaded(150));
    QCOMPARE(model.index(150, SubscriberListModel::NameColumn).data().toString(),
             QStringLiteral("Nom0150 Anne")); // Nom0125 is Dupont, listed first
    QCOMPARE(model.index(150, SubscriberListModel::PostalCodeColumn).data().toString(),
             QStringLiteral("35000"));
    QVERIFY(model.index(150, 0).data(SubscriberListModel::SeqRole).toLongLong() > 0);
}

void TestItemModels::pagedListJumpsToTheEnd()
{
    fill(330);
    // Pages read backwards from the end (past the middle) match the whole list read forwards,
    // with and without tombstones (erased subscribers, left out of the list).
    DeskQueries q(m_store->db());
    for (bool withTombstone : {false, true}) {
        if (withTombstone) {
            QSqlQuery erase(m_store->db());
            QVERIFY(
                erase.exec(QStringLiteral("UPDATE subscriber SET deleted = 1 WHERE number = 7")));
        }
        const auto count = q.countSubscribers();
        QVERIFY(count.ok());
        QCOMPARE(count->live, withTombstone ? 329 : 330);
        QCOMPARE(count->tombstones, withTombstone ? 1 : 0);
        const auto all = q.subscriberPage(0, 1000, *count);
        QVERIFY(all.ok());
        QCOMPARE(all->size(), count->live);
        for (qint64 offset : {qint64(0), qint64(100), qint64(200), qint64(300)}) {
            const auto page = q.subscriberPage(offset, 100, *count);
            QVERIFY(page.ok());
            QCOMPARE(page->size(), int(qMin<qint64>(100, count->live - offset)));
            for (int i = 0; i < page->size(); ++i)
                QCOMPARE(page->at(i).seq, all->at(offset + i).seq);
        }
        if (withTombstone) {
            QSqlQuery undo(m_store->db());
            QVERIFY(
                undo.exec(QStringLiteral("UPDATE subscriber SET deleted = 0 WHERE number = 7")));
        }
    }

    StoreWorker worker(m_path);
    SubscriberListModel model(&worker);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY(model.isReady());
    model.data(model.index(329, 0));
    QTRY_VERIFY(model.isLoaded(329));
    QCOMPARE(model.index(329, SubscriberListModel::NameColumn).data().toString(),
             QStringLiteral("Nom0329 Anne"));
}

void TestItemModels::pagedListSearches()
{
    fill(120);
    StoreWorker worker(m_path);
    SubscriberListModel model(&worker);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY(model.isReady());
    QSignalSpy ready(&model, &SubscriberListModel::ready);
    model.setSearchText(QStringLiteral("dup"));
    model.setSearchText(QStringLiteral("dupo")); // the newest text wins
    QTRY_COMPARE(ready.count(), 1);
    QCOMPARE(ready.first().at(0).toString(), QStringLiteral("dupo"));
    QCOMPARE(model.rowCount(), 1);
    model.data(model.index(0, 0));
    QTRY_VERIFY(model.isLoaded(0));
    QCOMPARE(model.index(0, SubscriberListModel::NameColumn).data().toString(),
             QStringLiteral("Dupont Anne"));
    // Accents and case do not matter.
    model.setSearchText(QStringLiteral("DÛPONT rennes"));
    QTRY_COMPARE(ready.count(), 2);
    QCOMPARE(model.rowCount(), 1);
    // Many matches are listed unranked (counted first, no BM25 over all of them); few are ranked.
    DeskQueries q(m_store->db());
    const auto many = q.search(QStringLiteral("nom"), 50, 1000);
    QVERIFY(many.ok());
    QCOMPARE(many->total, 119);
    QVERIFY(!many->ranked);
    QCOMPARE(many->rows.size(), 119);
    QVERIFY(many->complete);
    const auto capped = q.search(QStringLiteral("anne"), 50, 30);
    QVERIFY(capped.ok());
    QVERIFY(!capped->complete);
    QVERIFY(!capped->ranked);
    QCOMPARE(capped->rows.size(), 30);
    const auto few = q.search(QStringLiteral("dupont"), 50, 1000);
    QVERIFY(few.ok());
    QVERIFY(few->ranked);
    QCOMPARE(few->rows.size(), 1);

    // A page asked for while a new search is on its way belongs to the old list: never shown.
    model.setSearchText(QString());
    QTRY_COMPARE(ready.count(), 3);
    model.data(model.index(0, 0));
    QTRY_VERIFY(model.isLoaded(0)); // row 0 of everyone: Dupont
    model.setSearchText(QStringLiteral("nom0100"));
    model.data(model.index(5, 0)); // requested with the old list's rows
    QTRY_COMPARE(ready.count(), 4);
    QCOMPARE(model.rowCount(), 1);
    model.data(model.index(0, 0));
    QTRY_VERIFY(model.isLoaded(0));
    QCOMPARE(model.index(0, SubscriberListModel::NameColumn).data().toString(),
             QStringLiteral("Nom0100 Anne"));
    QTest::qWait(50);
    QCOMPARE(model.index(0, SubscriberListModel::NameColumn).data().toString(),
             QStringLiteral("Nom0100 Anne"));

    model.setSearchText(QStringLiteral("zzzz"));
    QTRY_COMPARE(ready.count(), 5);
    QCOMPARE(model.rowCount(), 0);
    model.setSearchText(QString());
    QTRY_COMPARE(ready.count(), 6);
    QCOMPARE(model.rowCount(), 120);
}

void TestItemModels::pagedListLocates()
{
    fill(140);
    const auto last = m_store->subscriberByNumber(140);
    QVERIFY(last);
    const auto seq = DeskQueries(m_store->db()).seqOfId(last->meta.id);
    QVERIFY(seq.ok() && *seq > 0);
    StoreWorker worker(m_path);
    SubscriberListModel model(&worker);
    QTRY_VERIFY(model.isReady());
    QSignalSpy located(&model, &SubscriberListModel::located);
    model.locate(*seq);
    QTRY_COMPARE(located.count(), 1);
    QCOMPARE(located.first().at(0).toInt(), 139);
}

void TestItemModels::recordModels()
{
    const Subscriber s = addSubscriber(*m_store, makeSubscriber(QStringLiteral("Jean"),
                                                                QStringLiteral("Martin")));
    const Subscription sub = addSubscription(*m_store, s, m_catalogue.yearly, QDate(2026, 1, 5));
    DeliveryChange hold;
    hold.subscriptionId = sub.meta.id;
    hold.from = QDate(2026, 3, 2);
    hold.to = QDate(2026, 3, 8);
    QVERIFY(m_store->addDeliveryChange(hold).ok());
    Complaint c;
    c.subscriptionId = sub.meta.id;
    c.issueDate = QDate(2026, 2, 3);
    c.compensationIssues = 1;
    QVERIFY(m_store->addComplaint(c).ok());

    SubscriptionTableModel subs;
    QAbstractItemModelTester t1(&subs, QAbstractItemModelTester::FailureReportingMode::QtTest);
    SubscriptionView v;
    v.subscription = *m_store->subscriptionById(sub.meta.id);
    v.title = m_catalogue.daily.name;
    v.status = subscriptionStatusOn(v.subscription, QDate(2026, 3, 3),
                                    m_store->deliveryChangesOf(sub.meta.id));
    subs.setRows({v});
    QCOMPARE(subs.rowCount(), 1);
    QCOMPARE(subs.index(0, SubscriptionTableModel::StatusColumn).data().toString(),
             QStringLiteral("Suspended"));
    QCOMPARE(subs.index(0, SubscriptionTableModel::StartColumn).data().toString(),
             QStringLiteral("05/01/2026"));

    DeliveryChangeTableModel changes;
    QAbstractItemModelTester t2(&changes, QAbstractItemModelTester::FailureReportingMode::QtTest);
    changes.setRows(m_store->deliveryChangesOf(sub.meta.id));
    QCOMPARE(changes.rowCount(), 1);
    QCOMPARE(changes.index(0, DeliveryChangeTableModel::KindColumn).data().toString(),
             QStringLiteral("Hold"));

    ComplaintTableModel complaints;
    QAbstractItemModelTester t3(&complaints,
                                QAbstractItemModelTester::FailureReportingMode::QtTest);
    complaints.setRows(m_store->complaintsOf(sub.meta.id));
    QCOMPARE(complaints.rowCount(), 1);
    QCOMPARE(complaints.index(0, ComplaintTableModel::CompensationColumn).data().toInt(), 1);

    AuditTableModel audit;
    QAbstractItemModelTester t4(&audit, QAbstractItemModelTester::FailureReportingMode::QtTest);
    audit.setRows(auditLines(m_store->auditOf({s.meta.id, sub.meta.id})));
    QVERIFY(audit.rowCount() >= 3);
    bool sawLastName = false;
    for (int r = 0; r < audit.rowCount(); ++r)
        sawLastName |= audit.index(r, AuditTableModel::NewColumn)
                           .data()
                           .toString()
                           .contains(QStringLiteral("Last name: Martin"));
    QVERIFY(sawLastName);
    // When, with its four-digit year, as every date of the desk.
    const QString when = audit.index(0, AuditTableModel::WhenColumn).data().toString();
    QVERIFY2(when.startsWith(QDate::currentDate().toString(QStringLiteral("dd/MM/yyyy")))
                 || when.startsWith(
                     QDate::currentDate().addDays(-1).toString(QStringLiteral("dd/MM/yyyy"))),
             qPrintable(when));
    subs.setRows({});
    QCOMPARE(subs.rowCount(), 0);
}

void TestItemModels::worklists()
{
    const QDate today = QDate::currentDate();
    const Subscriber a = addSubscriber(*m_store, makeSubscriber(QStringLiteral("Anne"),
                                                                QStringLiteral("Alpha")));
    const Subscriber b = addSubscriber(*m_store, makeSubscriber(QStringLiteral("Bea"),
                                                                QStringLiteral("Beta")));
    // Ends in 10 days (started 12 months minus 10 days ago) and one ending much later.
    const Subscription soon = addSubscription(*m_store, a, m_catalogue.yearly,
                                              today.addDays(11).addMonths(-12));
    addSubscription(*m_store, b, m_catalogue.yearly, today);
    DeliveryChange hold;
    hold.subscriptionId = soon.meta.id;
    hold.from = today.addDays(1);
    hold.to = today.addDays(3);
    QVERIFY(m_store->addDeliveryChange(hold).ok());

    DeskQueries q(m_store->db());
    auto expiring = q.expiringBetween(today, 30);
    QVERIFY(expiring.ok());
    QCOMPARE(expiring->size(), 1);
    QCOMPARE(expiring->first().name, QStringLiteral("Alpha Anne"));
    auto starting = q.changesStartingOn(today.addDays(1));
    QVERIFY(starting.ok());
    QCOMPARE(starting->size(), 1);

    ExpiringModel em;
    QAbstractItemModelTester t1(&em, QAbstractItemModelTester::FailureReportingMode::QtTest);
    em.setRows(*expiring);
    QCOMPARE(em.index(0, ExpiringModel::NameColumn).data().toString(),
             QStringLiteral("Alpha Anne"));
    ChangeStartModel cm;
    QAbstractItemModelTester t2(&cm, QAbstractItemModelTester::FailureReportingMode::QtTest);
    cm.setRows(*starting);
    QCOMPARE(cm.index(0, ChangeStartModel::KindColumn).data().toString(), QStringLiteral("Hold"));
    QVERIFY(cm.index(0, 0).data(ChangeStartModel::SeqRole).toLongLong() > 0);
}

void TestItemModels::overview()
{
    const QDate today = QDate::currentDate();
    const Subscriber a = addSubscriber(*m_store, makeSubscriber(QStringLiteral("Anne"),
                                                                QStringLiteral("Alpha")));
    const Subscriber b = addSubscriber(*m_store, makeSubscriber(QStringLiteral("Bea"),
                                                                QStringLiteral("Beta")));
    addSubscription(*m_store, a, m_catalogue.yearly, today.addDays(-20));
    const Subscription s2 = addSubscription(*m_store, b, m_catalogue.yearly, today.addDays(-3));
    QVERIFY(m_store->cancelSubscription(s2.meta.id, today, QStringLiteral("Prix")).ok());
    auto o = DeskQueries(m_store->db()).overview(today, 12);
    QVERIFY(o.ok());
    QCOMPARE(o->titles.size(), 1);
    QCOMPARE(o->titles.first().activeSubscribers, 1); // the cancelled one stopped today
    QCOMPARE(o->weeks.size(), 12);
    qint64 starts = 0, stops = 0;
    for (const WeekFlow &w : o->weeks) {
        starts += w.starts;
        stops += w.stops;
        QCOMPARE(w.weekStart.dayOfWeek(), 1);
    }
    QCOMPARE(starts, 2);
    QCOMPARE(stops, 1);
    QCOMPARE(o->weeks.last().stops, 1);
}

void TestItemModels::timelineRebuildsTheAddress()
{
    Subscriber s = addSubscriber(*m_store,
                                 makeSubscriber(QStringLiteral("Jean"), QStringLiteral("Martin")));
    s.address.line4 = QStringLiteral("3 PLACE DU COMMERCE");
    s.address.postalCode = QStringLiteral("44000");
    s.address.city = QStringLiteral("Nantes");
    auto moved = m_store->updateSubscriber(s);
    QVERIFY(moved.ok());
    const QList<AuditEntry> audit = m_store->auditOf({s.meta.id});
    QCOMPARE(audit.size(), 2);
    // Today: the new address. The audit's own times are now, so "yesterday" predates the subscriber.
    DayState today = stateOn(QDate::currentDate(), *moved, audit, {}, {});
    QCOMPARE(today.permanentAddress.city, QStringLiteral("Nantes"));
    DayState before = stateOn(QDate::currentDate().addDays(-1), *moved, audit, {}, {});
    QVERIFY(!before.knownFromHistory);
    // With the move dated tomorrow (as if it happened later), today shows the first address.
    QList<AuditEntry> shifted = audit;
    shifted[1].at = shifted[1].at.addDays(1);
    DayState then = stateOn(QDate::currentDate(), *moved, shifted, {}, {});
    QCOMPARE(then.permanentAddress.city, QStringLiteral("Rennes"));
    QCOMPARE(then.permanentAddress.line4, QStringLiteral("12 RUE DES LILAS"));
}

QTEST_GUILESS_MAIN(TestItemModels)
#include "tst_itemmodels.moc"
