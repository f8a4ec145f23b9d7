// Domain rules that depend on the calendar: issue days, cut-off, derived subscription status,
// line 1.

#include "domain.h"

#include <QTest>

using namespace Relais;
using namespace Qt::StringLiterals;

namespace {

// 2025-03-03 is a Monday; the week runs Mon 3 .. Sun 9.
constexpr int Mon = 3, Tue = 4, Wed = 5, Thu = 6, Fri = 7, Sat = 8, Sun = 9;
QDate march(int day)
{
    return QDate(2025, 3, day);
}

Weekdays days(const char *text)
{
    return *Weekdays::parse(QString::fromLatin1(text));
}

DeliveryChange hold(QDate from, QDate to)
{
    DeliveryChange c;
    c.kind = DeliveryChangeKind::Hold;
    c.from = from;
    c.to = to;
    return c;
}

} // namespace

Q_DECLARE_METATYPE(Relais::SubscriptionStatus)

class TestDomain : public QObject
{
    Q_OBJECT

private slots:
    void weekdaysParse_data();
    void weekdaysParse();
    void weekdaysContains();
    void weekdaysToStringRoundTrip();
    void nextIssueOnOrAfter_data();
    void nextIssueOnOrAfter();
    void addIssues_data();
    void addIssues();
    void firstIssueReachedBy_data();
    void firstIssueReachedBy();
    void status_data();
    void status();
    void line1_data();
    void line1();
    void displayName();
    void isFrance_data();
    void isFrance();
    void codesRoundTrip();
};

void TestDomain::weekdaysParse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<int>("count");

    QTest::newRow("Mon-Sat") << u"1-6"_s << true << u"1-6"_s << 6;
    QTest::newRow("every day") << u"1-7"_s << true << u"1-7"_s << 7;
    QTest::newRow("list") << u"1,3,5"_s << true << u"1,3,5"_s << 3;
    QTest::newRow("weekdays and Sunday") << u"1-5,7"_s << true << u"1-5,7"_s << 6;
    QTest::newRow("single day") << u"3"_s << true << u"3"_s << 1;
    QTest::newRow("Sunday") << u"7"_s << true << u"7"_s << 1;
    QTest::newRow("listed run is merged") << u"1,2,3"_s << true << u"1-3"_s << 3;
    QTest::newRow("overlapping runs") << u"1-4,3-6"_s << true << u"1-6"_s << 6;
    QTest::newRow("unordered list") << u"5,1"_s << true << u"1,5"_s << 2;
    QTest::newRow("duplicates") << u"2,2"_s << true << u"2"_s << 1;
    QTest::newRow("spaces") << u" 1 - 5 , 7 "_s << true << u"1-5,7"_s << 6;
    QTest::newRow("one-day run") << u"4-4"_s << true << u"4"_s << 1;

    QTest::newRow("empty") << QString() << false << QString() << 0;
    QTest::newRow("blank") << u"  "_s << false << QString() << 0;
    QTest::newRow("zero") << u"0"_s << false << QString() << 0;
    QTest::newRow("eight") << u"8"_s << false << QString() << 0;
    QTest::newRow("reversed run") << u"6-1"_s << false << QString() << 0;
    QTest::newRow("open run") << u"1-"_s << false << QString() << 0;
    QTest::newRow("double hyphen") << u"1--3"_s << false << QString() << 0;
    QTest::newRow("three bounds") << u"1-3-5"_s << false << QString() << 0;
    QTest::newRow("word") << u"lundi"_s << false << QString() << 0;
    QTest::newRow("one bad part") << u"1,x"_s << false << QString() << 0;
    QTest::newRow("negative") << u"-1"_s << false << QString() << 0;
}

void TestDomain::weekdaysParse()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, canonical);
    QFETCH(int, count);

    const std::optional<Weekdays> w = Weekdays::parse(text);
    QCOMPARE(w.has_value(), valid);
    if (!valid)
        return;
    QCOMPARE(w->toString(), canonical);
    QCOMPARE(w->count(), count);
    QVERIFY(!w->isEmpty());
    QCOMPARE(Weekdays::parse(canonical), w);
}

void TestDomain::weekdaysContains()
{
    const Weekdays w = days("1-6");
    for (int d = 1; d <= 6; ++d)
        QVERIFY(w.contains(d));
    QVERIFY(!w.contains(7));
    QVERIFY(!w.contains(0));
    QVERIFY(w.contains(march(Sat)));
    QVERIFY(!w.contains(march(Sun)));
    QVERIFY(!w.contains(QDate()));

    // Bit 0 is not a day and must not survive fromMask.
    QCOMPARE(Weekdays::fromMask(0xFF).mask(), 0xFE);
    QCOMPARE(Weekdays::fromMask(0xFF).count(), 7);
    QVERIFY(Weekdays::fromMask(1).isEmpty());
    QCOMPARE(Weekdays::fromMask(1 << 1 | 1 << 7).toString(), u"1,7"_s);
    QCOMPARE(days("1-6"), Weekdays::fromMask(0x7E));
}

void TestDomain::weekdaysToStringRoundTrip()
{
    for (int mask = 0; mask < 256; mask += 2) {
        const Weekdays w = Weekdays::fromMask(mask);
        const QString text = w.toString();
        if (w.isEmpty()) {
            QCOMPARE(text, QString());
            continue;
        }
        const std::optional<Weekdays> back = Weekdays::parse(text);
        QVERIFY2(back.has_value(), qPrintable(text));
        QCOMPARE(back->mask(), mask);
    }
}

void TestDomain::nextIssueOnOrAfter_data()
{
    QTest::addColumn<QString>("weekdays");
    QTest::addColumn<QDate>("from");
    QTest::addColumn<QDate>("expected");

    QTest::newRow("issue day itself") << u"1-6"_s << march(Mon) << march(Mon);
    QTest::newRow("Saturday") << u"1-6"_s << march(Sat) << march(Sat);
    QTest::newRow("Sunday skips to Monday") << u"1-6"_s << march(Sun) << QDate(2025, 3, 10);
    QTest::newRow("weekly, same day") << u"3"_s << march(Wed) << march(Wed);
    QTest::newRow("weekly, day after") << u"3"_s << march(Thu) << QDate(2025, 3, 12);
    QTest::newRow("weekly, six days ahead") << u"3"_s << march(Thu) << QDate(2025, 3, 12);
    QTest::newRow("Sunday paper from Monday") << u"7"_s << march(Mon) << march(Sun);
    QTest::newRow("across a month") << u"1"_s << QDate(2025, 2, 25) << march(Mon);
    QTest::newRow("across a year") << u"5"_s << QDate(2025, 12, 27) << QDate(2026, 1, 2);
    QTest::newRow("invalid date") << u"1-7"_s << QDate() << QDate();
}

void TestDomain::nextIssueOnOrAfter()
{
    QFETCH(QString, weekdays);
    QFETCH(QDate, from);
    QFETCH(QDate, expected);
    QCOMPARE(days(weekdays.toLatin1().constData()).nextIssueOnOrAfter(from), expected);
}

void TestDomain::addIssues_data()
{
    QTest::addColumn<QDate>("from");
    QTest::addColumn<int>("issues");
    QTest::addColumn<QString>("weekdays");
    QTest::addColumn<QDate>("expected");

    QTest::newRow("one, next day") << march(Mon) << 1 << u"1-6"_s << march(Tue);
    QTest::newRow("one, over Sunday") << march(Sat) << 1 << u"1-6"_s << QDate(2025, 3, 10);
    QTest::newRow("one from Sunday") << march(Sun) << 1 << u"1-6"_s << QDate(2025, 3, 10);
    QTest::newRow("a week of a daily") << march(Mon) << 6 << u"1-6"_s << QDate(2025, 3, 10);
    QTest::newRow("every day") << march(Mon) << 7 << u"1-7"_s << QDate(2025, 3, 10);
    QTest::newRow("weekly") << march(Wed) << 2 << u"3"_s << QDate(2025, 3, 19);
    QTest::newRow("weekly from another day") << march(Mon) << 1 << u"3"_s << march(Wed);
    QTest::newRow("zero") << march(Mon) << 0 << u"1-6"_s << march(Mon);
    QTest::newRow("negative") << march(Mon) << -3 << u"1-6"_s << march(Mon);
    QTest::newRow("a year of Mon-Sat")
        << QDate(2024, 12, 31) << 313 << u"1-6"_s << QDate(2025, 12, 31);
}

void TestDomain::addIssues()
{
    QFETCH(QDate, from);
    QFETCH(int, issues);
    QFETCH(QString, weekdays);
    QFETCH(QDate, expected);
    QCOMPARE(Relais::addIssues(from, issues, days(weekdays.toLatin1().constData())), expected);
}

void TestDomain::firstIssueReachedBy_data()
{
    QTest::addColumn<QString>("weekdays");
    QTest::addColumn<QTime>("cutoff");
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<QDate>("expected");

    const QTime two(14, 0);
    auto at = [](int day, int h, int m, int s = 0) {
        return QDateTime(march(day), QTime(h, m, s));
    };
    QTest::newRow("before cut-off") << u"1-6"_s << two << at(Mon, 13, 59, 59) << march(Tue);
    QTest::newRow("at cut-off") << u"1-6"_s << two << at(Mon, 14, 0) << march(Wed);
    QTest::newRow("after cut-off") << u"1-6"_s << two << at(Mon, 18, 30) << march(Wed);
    QTest::newRow("just after midnight") << u"1-6"_s << two << at(Mon, 0, 0) << march(Tue);
    QTest::newRow("last second of the day") << u"1-6"_s << two << at(Mon, 23, 59, 59) << march(Wed);
    QTest::newRow("Friday before") << u"1-6"_s << two << at(Fri, 9, 0) << march(Sat);
    QTest::newRow("Friday after, no Sunday issue")
        << u"1-6"_s << two << at(Fri, 15, 0) << QDate(2025, 3, 10);
    QTest::newRow("Saturday before, no Sunday issue")
        << u"1-6"_s << two << at(Sat, 9, 0) << QDate(2025, 3, 10);
    QTest::newRow("Saturday after") << u"1-6"_s << two << at(Sat, 15, 0) << QDate(2025, 3, 10);
    QTest::newRow("Sunday after, reaches Tuesday")
        << u"1-6"_s << two << at(Sun, 15, 0) << QDate(2025, 3, 11);
    QTest::newRow("weekly, day before, in time") << u"3"_s << two << at(Tue, 10, 0) << march(Wed);
    QTest::newRow("weekly, day before, too late")
        << u"3"_s << two << at(Tue, 14, 0) << QDate(2025, 3, 12);
    QTest::newRow("weekly, on the day") << u"3"_s << two << at(Wed, 8, 0) << QDate(2025, 3, 12);
    QTest::newRow("early cut-off") << u"1-7"_s << QTime(6, 0) << at(Mon, 6, 0) << march(Wed);
    QTest::newRow("early cut-off, in time")
        << u"1-7"_s << QTime(6, 0) << at(Mon, 5, 59) << march(Tue);
}

void TestDomain::firstIssueReachedBy()
{
    QFETCH(QString, weekdays);
    QFETCH(QTime, cutoff);
    QFETCH(QDateTime, now);
    QFETCH(QDate, expected);

    Publication p;
    p.weekdays = days(weekdays.toLatin1().constData());
    p.cutoff = cutoff;
    QCOMPARE(p.firstIssueReachedBy(now), expected);
}

void TestDomain::status_data()
{
    QTest::addColumn<QDate>("start");
    QTest::addColumn<QDate>("end");
    QTest::addColumn<QDate>("cancel");
    QTest::addColumn<QList<DeliveryChange>>("changes");
    QTest::addColumn<QDate>("day");
    QTest::addColumn<SubscriptionStatus>("expected");

    const QDate start(2025, 1, 1), end(2025, 12, 31);
    const QList<DeliveryChange> none;
    using S = SubscriptionStatus;

    QTest::newRow("day before start")
        << start << end << QDate() << none << start.addDays(-1) << S::Pending;
    QTest::newRow("start") << start << end << QDate() << none << start << S::Active;
    QTest::newRow("middle") << start << end << QDate() << none << QDate(2025, 6, 1) << S::Active;
    QTest::newRow("end is inclusive") << start << end << QDate() << none << end << S::Active;
    QTest::newRow("day after end")
        << start << end << QDate() << none << end.addDays(1) << S::Expired;
    QTest::newRow("open-ended, far future")
        << start << QDate() << QDate() << none << QDate(2040, 1, 1) << S::Active;
    QTest::newRow("one-day subscription")
        << start << start << QDate() << none << start << S::Active;

    const QDate cancel(2025, 6, 15);
    QTest::newRow("day before cancel date")
        << start << end << cancel << none << cancel.addDays(-1) << S::Active;
    QTest::newRow("cancel date") << start << end << cancel << none << cancel << S::Cancelled;
    QTest::newRow("after cancel date")
        << start << end << cancel << none << end.addDays(10) << S::Cancelled;
    QTest::newRow("cancelled before start")
        << start << end << start.addDays(-5) << none << start.addDays(-1) << S::Cancelled;
    QTest::newRow("cancel date after end, between")
        << start << end << end.addDays(30) << none << end.addDays(1) << S::Expired;

    const QList<DeliveryChange> h{hold(QDate(2025, 3, 1), QDate(2025, 3, 10))};
    QTest::newRow("day before hold")
        << start << end << QDate() << h << QDate(2025, 2, 28) << S::Active;
    QTest::newRow("first day of hold")
        << start << end << QDate() << h << QDate(2025, 3, 1) << S::Suspended;
    QTest::newRow("last day of hold")
        << start << end << QDate() << h << QDate(2025, 3, 10) << S::Suspended;
    QTest::newRow("day after hold")
        << start << end << QDate() << h << QDate(2025, 3, 11) << S::Active;
    QTest::newRow("hold and cancel")
        << start << end << QDate(2025, 3, 5) << h << QDate(2025, 3, 6) << S::Cancelled;
    QTest::newRow("hold before start")
        << start << end << QDate()
        << QList<DeliveryChange>{hold(start.addDays(-10), start.addDays(-1))} << start.addDays(-1)
        << S::Pending;
    QTest::newRow("hold beyond end")
        << start << end << QDate() << QList<DeliveryChange>{hold(end, end.addDays(5))}
        << end.addDays(1) << S::Expired;

    DeliveryChange deleted = hold(QDate(2025, 3, 1), QDate(2025, 3, 10));
    deleted.meta.deleted = true;
    QTest::newRow("deleted hold") << start << end << QDate() << QList<DeliveryChange>{deleted}
                                  << QDate(2025, 3, 5) << S::Active;
    DeliveryChange moved = hold(QDate(2025, 3, 1), QDate(2025, 3, 10));
    moved.kind = DeliveryChangeKind::TemporaryAddress;
    QTest::newRow("temporary address is not a hold")
        << start << end << QDate() << QList<DeliveryChange>{moved} << QDate(2025, 3, 5)
        << S::Active;
    QTest::newRow("second of two changes")
        << start << end << QDate()
        << QList<DeliveryChange>{moved, hold(QDate(2025, 4, 1), QDate(2025, 4, 1))}
        << QDate(2025, 4, 1) << S::Suspended;
}

void TestDomain::status()
{
    QFETCH(QDate, start);
    QFETCH(QDate, end);
    QFETCH(QDate, cancel);
    QFETCH(QList<DeliveryChange>, changes);
    QFETCH(QDate, day);
    QFETCH(SubscriptionStatus, expected);

    Subscription s;
    s.start = start;
    s.end = end;
    s.cancelDate = cancel;
    const SubscriptionStatus got = subscriptionStatusOn(s, day, changes);
    QCOMPARE(statusCode(got), statusCode(expected));
}

void TestDomain::line1_data()
{
    QTest::addColumn<QString>("civility");
    QTest::addColumn<QString>("firstName");
    QTest::addColumn<QString>("lastName");
    QTest::addColumn<QString>("company");
    QTest::addColumn<QString>("expected");

    QTest::newRow("full") << u"Mme"_s << u"Hélène"_s << u"Dupont"_s << QString()
                          << u"Mme Hélène Dupont"_s;
    QTest::newRow("no civility") << QString() << u"Jean"_s << u"Martin"_s << QString()
                                 << u"Jean Martin"_s;
    QTest::newRow("no first name")
        << u"M."_s << QString() << u"Martin"_s << QString() << u"M. Martin"_s;
    QTest::newRow("trimmed parts")
        << u" M. "_s << u" Jean "_s << u" Martin "_s << QString() << u"M. Jean Martin"_s;
    QTest::newRow("name wins over company")
        << u"M."_s << u"Jean"_s << u"Martin"_s << u"ACME"_s << u"M. Jean Martin"_s;
    QTest::newRow("company only") << QString() << QString() << QString() << u" ACME SARL "_s
                                  << u"ACME SARL"_s;
    QTest::newRow("civility alone falls back to company")
        << u"Mme"_s << QString() << QString() << u"ACME"_s << u"ACME"_s;
    QTest::newRow("nothing") << QString() << QString() << QString() << QString() << QString();
    QTest::newRow("civility alone, no company")
        << u"Mme"_s << QString() << QString() << QString() << QString();
    QTest::newRow("blank parts") << u" "_s << u" "_s << u" "_s << u"ACME"_s << u"ACME"_s;
}

void TestDomain::line1()
{
    QFETCH(QString, civility);
    QFETCH(QString, firstName);
    QFETCH(QString, lastName);
    QFETCH(QString, company);
    QFETCH(QString, expected);
    Subscriber s;
    s.civility = civility;
    s.firstName = firstName;
    s.lastName = lastName;
    s.company = company;
    QCOMPARE(s.line1(), expected);
}

void TestDomain::displayName()
{
    Subscriber s;
    s.firstName = u"Jean"_s;
    s.lastName = u"Martin"_s;
    QCOMPARE(s.displayName(), u"Martin Jean"_s);
    s.company = u"ACME"_s;
    QCOMPARE(s.displayName(), u"Martin Jean (ACME)"_s);
    s.firstName.clear();
    s.lastName.clear();
    QCOMPARE(s.displayName(), u"ACME"_s);
}

void TestDomain::isFrance_data()
{
    QTest::addColumn<QString>("country");
    QTest::addColumn<bool>("france");
    QTest::newRow("empty") << QString() << true;
    QTest::newRow("FRANCE") << u"FRANCE"_s << true;
    QTest::newRow("France, spaces") << u" France "_s << true;
    QTest::newRow("FR") << u"fr"_s << true;
    QTest::newRow("Belgique") << u"BELGIQUE"_s << false;
    QTest::newRow("FRA is not a code we take") << u"FRA"_s << false;
}

void TestDomain::isFrance()
{
    QFETCH(QString, country);
    QFETCH(bool, france);
    Address a;
    a.country = country;
    QCOMPARE(a.isFrance(), france);
}

void TestDomain::codesRoundTrip()
{
    for (auto p : {Periodicity::Daily, Periodicity::Weekly, Periodicity::Monthly})
        QCOMPARE(periodicityFromCode(periodicityCode(p)), p);
    for (auto c : {Channel::Print, Channel::Digital, Channel::Both})
        QCOMPARE(channelFromCode(channelCode(c)), c);
    for (auto k : {DeliveryChangeKind::Hold, DeliveryChangeKind::TemporaryAddress})
        QCOMPARE(deliveryChangeKindFromCode(deliveryChangeKindCode(k)), k);
    for (auto k : {ComplaintKind::NotReceived, ComplaintKind::Damaged})
        QCOMPARE(complaintKindFromCode(complaintKindCode(k)), k);
    for (auto c : {ContactChannel::Letter, ContactChannel::Phone, ContactChannel::Email,
                   ContactChannel::Counter, ContactChannel::Web, ContactChannel::Desk})
        QCOMPARE(contactChannelFromCode(contactChannelCode(c)), c);
    QVERIFY(!periodicityFromCode(u"yearly"_s));
    QVERIFY(!channelFromCode(QString()));
    QVERIFY(!deliveryChangeKindFromCode(u"Hold"_s));
    QCOMPARE(statusCode(SubscriptionStatus::Suspended), u"suspended"_s);
    QCOMPARE(newUuid().size(), 36);
    QVERIFY(!newUuid().startsWith(u'{'));
    QVERIFY(newUuid() != newUuid());
}

QTEST_GUILESS_MAIN(TestDomain)
#include "tst_domain.moc"
