// The issue report: its figures against the delivery lists of the issue and the previous one
// (grouped here on their own), and the one-page PDF read back with pdftotext (poppler-utils).

#include "deliverylist.h"
#include "deskfixture.h"
#include "issuereport.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Relais;
using namespace Relais::Print;

namespace {

const QDate kIssue(2026, 6, 3);    // a Wednesday
const QDate kPrevious(2026, 6, 2); // the Tuesday before

Subscriber at(const QString &name, const QString &postalCode, const QString &city,
              const QString &country = {})
{
    Subscriber s = Test::DeskFixture::person(name);
    s.address.postalCode = postalCode;
    s.address.city = city;
    s.address.country = country;
    return s;
}

QString run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return {};
    return QString::fromUtf8(p.readAllStandardOutput());
}

} // namespace

class TestIssueReport : public QObject
{
    Q_OBJECT

private slots:
    void departements_data();
    void departements();
    void figuresMatchTheDeliveryLists();
};

void TestIssueReport::departements_data()
{
    QTest::addColumn<QString>("postalCode");
    QTest::addColumn<QString>("departement");
    QTest::newRow("Paris") << QStringLiteral("75002") << QStringLiteral("75");
    QTest::newRow("leading zero") << QStringLiteral("01000") << QStringLiteral("01");
    QTest::newRow("Corse-du-Sud") << QStringLiteral("20000") << QStringLiteral("2A");
    QTest::newRow("Haute-Corse") << QStringLiteral("20200") << QStringLiteral("2B");
    QTest::newRow("Guadeloupe") << QStringLiteral("97110") << QStringLiteral("971");
    QTest::newRow("not a code") << QStringLiteral("7500") << QString();
}

void TestIssueReport::departements()
{
    QFETCH(QString, postalCode);
    QFETCH(QString, departement);
    QCOMPARE(departementOf(postalCode), departement);
}

void TestIssueReport::figuresMatchTheDeliveryLists()
{
    Test::DeskFixture desk;
    Store &store = desk.store();
    const QDate start(2026, 1, 1);
    auto add = [&](const Subscriber &s, QDate from = QDate(2026, 1, 1), QDate to = {},
                   int copies = 1) {
        auto r = store.addSubscriber(s);
        if (!r)
            qFatal("%s", qPrintable(r.error().fullText()));
        return desk.subscribe(*r, from, to, copies);
    };
    const Subscription paris = add(at(QStringLiteral("Paris"), QStringLiteral("75002"),
                                      QStringLiteral("Paris")),
                                   start, {}, 2);
    add(at(QStringLiteral("Paris-Bis"), QStringLiteral("75002"), QStringLiteral("Paris")));
    add(at(QStringLiteral("Bourg"), QStringLiteral("01000"), QStringLiteral("Bourg-en-Bresse")),
        start, {}, 3);
    add(at(QStringLiteral("Ajaccio"), QStringLiteral("20000"), QStringLiteral("Ajaccio")));
    add(at(QStringLiteral("Pitre"), QStringLiteral("97110"), QStringLiteral("Pointe-à-Pitre")));
    add(at(QStringLiteral("Peeters"), QStringLiteral("1000"), QStringLiteral("Bruxelles"),
           QStringLiteral("Belgique")));
    // An add (starts on the issue), a drop (ended the day before), a hold and a holiday address.
    add(at(QStringLiteral("Nouveau"), QStringLiteral("75002"), QStringLiteral("Paris")), kIssue);
    add(at(QStringLiteral("Parti"), QStringLiteral("75002"), QStringLiteral("Paris")), start,
        kPrevious);
    const Subscription held = add(
        at(QStringLiteral("Suspendu"), QStringLiteral("01000"), QStringLiteral("Bourg-en-Bresse")));
    DeliveryChange hold;
    hold.subscriptionId = held.meta.id;
    hold.kind = DeliveryChangeKind::Hold;
    hold.from = kIssue;
    hold.to = kIssue.addDays(7);
    QVERIFY(store.addDeliveryChange(hold));
    const Subscription away = add(
        at(QStringLiteral("Vacances"), QStringLiteral("75002"), QStringLiteral("Paris")));
    DeliveryChange holiday;
    holiday.subscriptionId = away.meta.id;
    holiday.kind = DeliveryChangeKind::TemporaryAddress;
    holiday.from = kIssue;
    holiday.to = kIssue.addDays(10);
    holiday.address.line4 = QStringLiteral("8 quai de la Douane");
    holiday.address.postalCode = QStringLiteral("29200");
    holiday.address.city = QStringLiteral("Brest");
    QVERIFY(store.addDeliveryChange(holiday));
    // Complaints: two about the previous issue, one about an older issue (not counted).
    for (auto [date, kind] : {std::pair{kPrevious, ComplaintKind::NotReceived},
                              std::pair{kPrevious, ComplaintKind::Damaged},
                              std::pair{kPrevious.addDays(-1), ComplaintKind::Damaged}}) {
        Complaint c;
        c.subscriptionId = paris.meta.id;
        c.issueDate = date;
        c.kind = kind;
        auto r = store.addComplaint(c);
        QVERIFY2(r, qPrintable(r ? QString() : r.error().fullText()));
    }

    auto report = buildIssueReport(store, desk.daily().code, kIssue);
    QVERIFY2(report, qPrintable(report ? QString() : report.error().fullText()));
    QCOMPARE(report->previousIssue, kPrevious);

    // The figures, grouped here from the two delivery lists.
    DeliveryListQuery query(store.db());
    const QList<DeliveryLine> now = query.lines(desk.daily(), kIssue).value();
    const QList<DeliveryLine> before = query.lines(desk.daily(), kPrevious).value();
    QHash<QString, qint64> copiesByDep, copiesByMode;
    qint64 copies = 0;
    QSet<QString> idsNow, idsBefore;
    for (const DeliveryLine &l : now) {
        copies += l.copies;
        const QString dep = l.address.isFrance() ? departementOf(l.address.postalCode)
                                                 : QStringLiteral("abroad");
        copiesByDep[dep] += l.copies;
        copiesByMode[l.temporaryAddress     ? QStringLiteral("holiday")
                     : l.address.isFrance() ? QStringLiteral("home")
                                            : QStringLiteral("abroad")] += l.copies;
        idsNow << l.subscriptionId;
    }
    for (const DeliveryLine &l : before)
        idsBefore << l.subscriptionId;
    QCOMPARE(report->lines, qint64(now.size()));
    QCOMPARE(report->copies, copies);
    QCOMPARE(report->adds, qint64((idsNow - idsBefore).size()));
    QCOMPARE(report->drops, qint64((idsBefore - idsNow).size()));
    QHash<QString, qint64> reportedDeps, reportedModes;
    for (const IssueReport::Row &r : report->byDepartement)
        reportedDeps.insert(r.key, r.copies);
    for (const IssueReport::Row &r : report->byMode)
        if (r.copies > 0)
            reportedModes.insert(r.key, r.copies);
    QCOMPARE(reportedDeps, copiesByDep);
    QCOMPARE(reportedModes, copiesByMode);

    // And what they are, as set up above.
    QCOMPARE(report->lines, 8);   // 9 subscriptions running on the day, the held one not delivered
    QCOMPARE(report->copies, 11); // Paris 2, Bourg 3, six of 1
    QCOMPARE(report->adds, 1);    // Nouveau
    QCOMPARE(report->drops, 2);   // Parti (ended), Suspendu (held from this issue)
    QCOMPARE(report->addressChanges, 1); // Vacances, at Brest from this issue
    QCOMPARE(report->holds, 1);
    QCOMPARE(report->holidayAddresses, 1);
    QCOMPARE(report->complaintsNotReceived, 1);
    QCOMPARE(report->complaintsDamaged, 1);
    QCOMPARE(copiesByDep.value(QStringLiteral("75")), 4); // Paris 2 + Paris-Bis + Nouveau
    QCOMPARE(copiesByDep.value(QStringLiteral("29")), 1); // the holiday address
    QCOMPARE(copiesByDep.value(QStringLiteral("2A")), 1);
    QCOMPARE(copiesByDep.value(QStringLiteral("971")), 1);
    QCOMPARE(copiesByDep.value(QStringLiteral("abroad")), 1);
    QCOMPARE(report->byDepartement.first().key, QStringLiteral("01")); // sorted, abroad last
    QCOMPARE(report->byDepartement.last().key, QStringLiteral("abroad"));

    // One A4 page, with its figures as text.
    QTemporaryDir dir;
    const QString pdf = dir.filePath(QStringLiteral("report.pdf"));
    QVERIFY(writeIssueReportPdf(*report, pdf));
    const QString info = run(QStringLiteral("pdfinfo"), {pdf});
    QVERIFY2(info.contains(QRegularExpression(QStringLiteral("Pages:\\s+1\\n"))), qPrintable(info));
    QVERIFY(info.contains(QStringLiteral("595 x 842"))); // A4
    const QString text = run(QStringLiteral("pdftotext"),
                             {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
    QVERIFY2(text.contains(QStringLiteral("Issue report")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("LQC")));
    QVERIFY(
        text.contains(QRegularExpression(QStringLiteral("Copies to print and deliver\\s+11\\b"))));
    QVERIFY(text.contains(
        QRegularExpression(QStringLiteral("Drops since the previous issue\\s+2\\b"))));
    QVERIFY(text.contains(QRegularExpression(QStringLiteral("not received\\s+1\\b"))));
    QVERIFY(text.contains(QRegularExpression(QStringLiteral("\\b2A\\s+1 \\(1\\)"))));
    QVERIFY(text.contains(QRegularExpression(QStringLiteral("\\b75\\s+4 \\(3\\)"))));
    QVERIFY(text.contains(QStringLiteral("signature")));
}

QTEST_MAIN(TestIssueReport)
#include "tst_issuereport.moc"
