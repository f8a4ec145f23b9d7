// The demo dataset: valid by the same rules as the forms, realistic (every state of a subscription,
// holds and holiday addresses around today), repeatable with a seed, and consistent.

#include "deliverylist.h"
#include "demodata.h"
#include "postalcodes.h"
#include "testsupport.h"
#include "validation.h"

#include <QSqlQuery>
#include <QTest>

using namespace Relais;

namespace {
const QDate kToday(2026, 6, 10);

Store openDesk()
{
    auto s = Store::open(Test::freshDatabasePath());
    if (!s)
        qFatal("%s", qPrintable(s.error().fullText()));
    return std::move(s).value();
}

DemoSummary generate(Store &store, qint64 n, quint32 seed)
{
    DemoOptions o;
    o.subscribers = n;
    o.seed = seed;
    o.today = kToday;
    auto r = generateDemo(store, o);
    if (!r)
        qFatal("%s", qPrintable(r.error().fullText()));
    return r.value();
}
} // namespace

class tst_Demo : public QObject
{
    Q_OBJECT
private slots:
    void catalogueOnly();
    void validAndVaried();
    void repeatableWithSeed();
    void cancelStopsAtABatch();
};

void tst_Demo::catalogueOnly()
{
    Store store = openDesk();
    const DemoSummary s = generate(store, 0, 1);
    QCOMPARE(s.subscribers, 0);
    QVERIFY(store.publications().size() >= 3);
    QVERIFY(store.offers().size() >= 3);
    // The catalogue is a fixture too: nothing queued for a server, nothing audited, and the desk
    // says it is a demo desk (its sync engine refuses to run).
    QCOMPARE(store.pendingOperationCount(), qint64(0));
    QVERIFY(store.outbox().isEmpty());
    QSqlQuery q(store.db());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM audit")) && q.next());
    QCOMPARE(q.value(0).toInt(), 0);
    QCOMPARE(store.metaValue(QStringLiteral("demo")), QStringLiteral("1"));
    // Twice changes nothing.
    const DemoSummary again = generate(store, 0, 1);
    QCOMPARE(again.publications, 0);
    QCOMPARE(again.offers, 0);
    QCOMPARE(store.pendingOperationCount(), qint64(0));
}

void tst_Demo::validAndVaried()
{
    Store store = openDesk();
    const DemoSummary s = generate(store, 3000, 42);
    QCOMPARE(s.subscribers, 3000);
    QVERIFY(s.subscriptions > 3000);
    QVERIFY(s.holds > 0);
    QVERIFY(s.holidayAddresses > 0);
    QVERIFY(s.complaints > 0);
    QVERIFY2(store.check().ok, qPrintable(store.check().problems.join(u'\n')));

    // Every subscriber passes the form's rules: real postal codes and towns, 38-character lines.
    QSqlQuery q(store.db());
    QVERIFY(q.exec(QStringLiteral("SELECT number FROM subscriber")));
    int invalid = 0;
    QString firstProblem;
    while (q.next()) {
        const auto sub = store.subscriberByNumber(q.value(0).toLongLong());
        const Issues issues = Validation::validateSubscriber(*sub);
        if (!issues.isEmpty()) {
            ++invalid;
            if (firstProblem.isEmpty())
                firstProblem = QString::number(sub->number) + u' ' + issues.first().message;
        }
    }
    QVERIFY2(invalid == 0,
             qPrintable(QStringLiteral("%1 invalid, e.g. %2").arg(invalid).arg(firstProblem)));

    // Every state of a subscription occurs on the reference day.
    QSet<SubscriptionStatus> states;
    QVERIFY(q.exec(QStringLiteral("SELECT id FROM subscription")));
    while (q.next()) {
        const auto sub = store.subscriptionById(q.value(0).toString());
        states.insert(subscriptionStatusOn(*sub, kToday, store.deliveryChangesOf(sub->meta.id)));
    }
    for (auto st :
         {SubscriptionStatus::Pending, SubscriptionStatus::Active, SubscriptionStatus::Suspended,
          SubscriptionStatus::Cancelled, SubscriptionStatus::Expired})
        QVERIFY2(states.contains(st), qPrintable(statusCode(st)));

    // Some payers differ from recipients, and holiday addresses reach the delivery list.
    QVERIFY(
        q.exec(QStringLiteral("SELECT count(*) FROM subscription WHERE payer_id <> recipient_id"))
        && q.next());
    QVERIFY(q.value(0).toInt() > 0);
    const auto pub = store.publicationByCode(QStringLiteral("LQC"));
    QVERIFY(pub);
    auto lines = DeliveryListQuery(store.db()).lines(*pub, kToday);
    QVERIFY(lines.ok());
    QVERIFY(lines.value().size() > 500);
    int temporary = 0;
    for (const DeliveryLine &l : lines.value())
        temporary += l.temporaryAddress ? 1 : 0;
    QVERIFY(temporary > 0);
    // Demo rows, the catalogue included, are a fixture: nothing queued for the server.
    QCOMPARE(store.pendingOperationCount(), qint64(0));
    QVERIFY(store.metaValue(QStringLiteral("demo")) == u"1");
}

void tst_Demo::repeatableWithSeed()
{
    Store a = openDesk();
    Store b = openDesk();
    const DemoSummary sa = generate(a, 500, 7);
    const DemoSummary sb = generate(b, 500, 7);
    QCOMPARE(sa.subscriptions, sb.subscriptions);
    QCOMPARE(sa.holds, sb.holds);
    QCOMPARE(a.subscriberByNumber(100250)->lastName, b.subscriberByNumber(100250)->lastName);
    QCOMPARE(a.subscriberByNumber(100250)->address, b.subscriberByNumber(100250)->address);
    Store c = openDesk();
    generate(c, 500, 8);
    QVERIFY(!(a.subscriberByNumber(100250)->address == c.subscriberByNumber(100250)->address));
}

void tst_Demo::cancelStopsAtABatch()
{
    Store store = openDesk();
    DemoOptions o;
    o.subscribers = 45000;
    o.today = kToday;
    int calls = 0;
    o.progress = [&calls](qint64, qint64) { return ++calls < 1; };
    auto r = generateDemo(store, o);
    QVERIFY(r.ok());
    QCOMPARE(calls, 1);
    QCOMPARE(r.value().subscribers, 20000); // one whole batch, nothing half-written
    QSqlQuery q(store.db());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM subscriber")) && q.next());
    QCOMPARE(q.value(0).toInt(), 20000);
    QVERIFY(store.check().ok);
}

QTEST_GUILESS_MAIN(tst_Demo)
#include "tst_demo.moc"
