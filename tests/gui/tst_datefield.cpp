// The application's date field driven by keys, offscreen: whole dates typed or pasted in every
// form a clerk uses, Tab to the next field, the calendar on Alt+Down, an invalid date named under
// the field and kept as typed.

#include "datefield.h"

#include <QApplication>
#include <QCalendarWidget>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QVBoxLayout>

using namespace Relais::Ui;

class TestDateField : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void parse_data();
    void parse();
    void typedAfterTab_data();
    void typedAfterTab();
    void typedAfterSelectAll();
    void invalidIsShownNeverReverted_data();
    void invalidIsShownNeverReverted();
    void pasted_data();
    void pasted();
    void calendarOnAltDown();
    void upAndDownMoveByADay();
    void optionalMayBeEmpty();

private:
    QWidget *focused() const { return QApplication::focusWidget(); }

    std::unique_ptr<QWidget> m_window;
    QLineEdit *m_before = nullptr;
    DateField *m_field = nullptr;
    QLineEdit *m_after = nullptr;
};

void TestDateField::init()
{
    // A field between two others, as in every dialog: Tab comes in from one and leaves to the other.
    m_window = std::make_unique<QWidget>();
    auto *layout = new QVBoxLayout(m_window.get());
    m_before = new QLineEdit(m_window.get());
    m_before->setObjectName(QStringLiteral("before"));
    m_field = new DateField(QDate(2027, 8, 4), m_window.get());
    m_after = new QLineEdit(m_window.get());
    m_after->setObjectName(QStringLiteral("after"));
    layout->addWidget(m_before);
    layout->addWidget(m_field);
    layout->addWidget(m_after);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_before->setFocus();
    QCOMPARE(focused(), m_before);
}

void TestDateField::cleanup()
{
    m_window.reset();
}

void TestDateField::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDate>("expected");
    const QDate aug2(2027, 8, 2);
    QTest::newRow("dd/mm/yyyy") << QStringLiteral("02/08/2027") << aug2;
    QTest::newRow("d/m/yy") << QStringLiteral("2/8/27") << aug2;
    QTest::newRow("ddmmyyyy") << QStringLiteral("02082027") << aug2;
    QTest::newRow("ddmmyy") << QStringLiteral("020827") << aug2;
    QTest::newRow("ISO") << QStringLiteral("2027-08-02") << aug2;
    QTest::newRow("yyyymmdd") << QStringLiteral("20270802") << aug2;
    QTest::newRow("dots") << QStringLiteral("2.8.2027") << aug2;
    QTest::newRow("dashes") << QStringLiteral("02-08-2027") << aug2;
    QTest::newRow("spaces around") << QStringLiteral("  02 / 08 / 2027 ") << aug2;
    QTest::newRow("day and month: this year") << QStringLiteral("2/8") << QDate(2026, 8, 2);
    QTest::newRow("29 February of a leap year")
        << QStringLiteral("29/02/2028") << QDate(2028, 2, 29);
    QTest::newRow("29 February of another year") << QStringLiteral("29/02/2027") << QDate();
    QTest::newRow("year 0000") << QStringLiteral("14/12/0000") << QDate();
    QTest::newRow("month 13") << QStringLiteral("02/13/2027") << QDate();
    QTest::newRow("day 32") << QStringLiteral("32/08/2027") << QDate();
    QTest::newRow("three-digit year") << QStringLiteral("02/08/202") << QDate();
    QTest::newRow("one-digit year, still typing") << QStringLiteral("02/08/2") << QDate();
    QTest::newRow("four digits") << QStringLiteral("0208") << QDate();
    QTest::newRow("empty") << QString() << QDate();
    QTest::newRow("letters") << QStringLiteral("2 août") << QDate();
}

void TestDateField::parse()
{
    QFETCH(QString, text);
    QFETCH(QDate, expected);
    QCOMPARE(DateField::parse(text, QDate(2026, 12, 3)), expected);
}

void TestDateField::typedAfterTab_data()
{
    QTest::addColumn<QString>("keys");
    QTest::addColumn<QDate>("expected");
    QTest::addColumn<QString>("shownAfterTab");
    const QDate aug2(2027, 8, 2);
    const QString shown = QStringLiteral("02/08/2027");
    QTest::newRow("02/08/2027") << QStringLiteral("02/08/2027") << aug2 << shown;
    QTest::newRow("2/8/27") << QStringLiteral("2/8/27") << aug2 << shown;
    QTest::newRow("02082027") << QStringLiteral("02082027") << aug2 << shown;
    QTest::newRow("2027-08-02") << QStringLiteral("2027-08-02") << aug2 << shown;
    QTest::newRow("31/12/2027") << QStringLiteral("31/12/2027") << QDate(2027, 12, 31)
                                << QStringLiteral("31/12/2027");
}

void TestDateField::typedAfterTab()
{
    QFETCH(QString, keys);
    QFETCH(QDate, expected);
    QFETCH(QString, shownAfterTab);
    QSignalSpy changed(m_field, &DateField::dateChanged);
    QTest::keyClick(focused(), Qt::Key_Tab);
    QCOMPARE(focused(), m_field->lineEdit());
    // The old date is selected as the field is entered: the keys replace it all (not 04/08/2027).
    QTest::keyClicks(focused(), keys);
    QCOMPARE(m_field->date(), expected);
    QVERIFY(changed.count() >= 1);
    QCOMPARE(changed.last().first().toDate(), expected);
    // Tab leaves for the next field, not for the month or the year.
    QTest::keyClick(focused(), Qt::Key_Tab);
    QCOMPARE(focused(), m_after);
    QCOMPARE(m_field->text(), shownAfterTab);
    QCOMPARE(m_field->date(), expected);
    QVERIFY(m_field->errorText().isEmpty());
    QVERIFY(m_field->findChild<QLabel *>(QStringLiteral("date_message"))->isHidden());
    // And Shift+Tab comes back to it.
    QTest::keyClick(focused(), Qt::Key_Backtab);
    QCOMPARE(focused(), m_field->lineEdit());
}

void TestDateField::typedAfterSelectAll()
{
    m_field->lineEdit()->setFocus(Qt::MouseFocusReason); // a click: the cursor, no selection
    m_field->lineEdit()->setCursorPosition(3);
    QTest::keyClick(focused(), Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(focused(), QStringLiteral("02/08/2027"));
    QCOMPARE(m_field->date(), QDate(2027, 8, 2));
    QCOMPARE(m_field->text(), QStringLiteral("02/08/2027"));
}

void TestDateField::invalidIsShownNeverReverted_data()
{
    QTest::addColumn<QString>("keys");
    QTest::addColumn<QString>("inMessage");
    QTest::newRow("year 0000") << QStringLiteral("14/12/0000") << QStringLiteral("14/12/0000");
    QTest::newRow("half typed") << QStringLiteral("14/12/") << QStringLiteral("14/12/");
    QTest::newRow("30 February") << QStringLiteral("30/02/2027") << QStringLiteral("30/02/2027");
    QTest::newRow("out of range") << QStringLiteral("01/01/1850") << QStringLiteral("01/01/1850");
}

void TestDateField::invalidIsShownNeverReverted()
{
    QFETCH(QString, keys);
    QFETCH(QString, inMessage);
    QTest::keyClick(focused(), Qt::Key_Tab);
    QTest::keyClicks(focused(), keys);
    QVERIFY(!m_field->date().isValid());
    QTest::keyClick(focused(), Qt::Key_Tab);
    // The clerk may leave, but the text stays as typed and the reason shows under the field.
    QCOMPARE(focused(), m_after);
    QCOMPARE(m_field->text(), keys);
    QVERIFY(!m_field->isAcceptable());
    auto *message = m_field->findChild<QLabel *>(QStringLiteral("date_message"));
    QVERIFY(message->isVisible());
    QVERIFY2(message->text().contains(inMessage), qPrintable(message->text()));
    QVERIFY(!m_field->check());
    // Correcting it takes the reason away as soon as the date is right.
    QTest::keyClick(focused(), Qt::Key_Backtab);
    QTest::keyClicks(focused(), QStringLiteral("14/12/2026"));
    QVERIFY(message->isHidden());
    QCOMPARE(m_field->date(), QDate(2026, 12, 14));
}

void TestDateField::pasted_data()
{
    QTest::addColumn<QString>("clipboard");
    QTest::addColumn<QDate>("expected");
    QTest::newRow("ISO from a spreadsheet") << QStringLiteral("2027-08-02") << QDate(2027, 8, 2);
    QTest::newRow("with a line end") << QStringLiteral("02/08/2027\n") << QDate(2027, 8, 2);
    QTest::newRow("short") << QStringLiteral("2/8/27") << QDate(2027, 8, 2);
}

void TestDateField::pasted()
{
    QFETCH(QString, clipboard);
    QFETCH(QDate, expected);
    QApplication::clipboard()->setText(clipboard);
    // Pasted with the cursor in the middle of the old date: the whole field takes the new one.
    m_field->lineEdit()->setFocus(Qt::MouseFocusReason);
    m_field->lineEdit()->setCursorPosition(2);
    QTest::keyClick(focused(), Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(m_field->date(), expected);
    QCOMPARE(m_field->text(), DateField::format(expected));
}

void TestDateField::calendarOnAltDown()
{
    QTest::keyClick(focused(), Qt::Key_Tab);
    QTest::keyClick(focused(), Qt::Key_Down, Qt::AltModifier);
    QVERIFY(m_field->isCalendarOpen());
    QCalendarWidget *calendar = m_field->calendar();
    QTRY_VERIFY(calendar->isAncestorOf(focused()));
    QCOMPARE(calendar->selectedDate(), QDate(2027, 8, 4));
    QTest::keyClick(focused(), Qt::Key_Right); // 5 August
    QTest::keyClick(focused(), Qt::Key_Down);  // 12 August
    QTest::keyClick(focused(), Qt::Key_Return);
    QVERIFY(!m_field->isCalendarOpen());
    QCOMPARE(m_field->date(), QDate(2027, 8, 12));
    QCOMPARE(m_field->text(), QStringLiteral("12/08/2027"));
    QTRY_COMPARE(focused(), m_field->lineEdit());
    // Esc closes it and keeps the date.
    QTest::keyClick(focused(), Qt::Key_Down, Qt::AltModifier);
    QVERIFY(m_field->isCalendarOpen());
    QTRY_VERIFY(m_field->calendar()->isAncestorOf(focused()));
    QTest::keyClick(focused(), Qt::Key_Right);
    QTest::keyClick(focused(), Qt::Key_Escape);
    QVERIFY(!m_field->isCalendarOpen());
    QCOMPARE(m_field->date(), QDate(2027, 8, 12));
}

void TestDateField::upAndDownMoveByADay()
{
    QTest::keyClick(focused(), Qt::Key_Tab);
    QTest::keyClick(focused(), Qt::Key_Up);
    QCOMPARE(m_field->date(), QDate(2027, 8, 5));
    QTest::keyClick(focused(), Qt::Key_Down);
    QTest::keyClick(focused(), Qt::Key_Down);
    QCOMPARE(m_field->date(), QDate(2027, 8, 3));
    QTest::keyClick(focused(), Qt::Key_PageUp);
    QCOMPARE(m_field->date(), QDate(2027, 9, 3));
}

void TestDateField::optionalMayBeEmpty()
{
    QTest::keyClick(focused(), Qt::Key_Tab);
    QTest::keyClick(focused(), Qt::Key_Delete);
    QVERIFY(!m_field->isAcceptable()); // a required date
    m_field->setOptional(true);
    QVERIFY(m_field->isAcceptable());
    QVERIFY(!m_field->date().isValid());
}

QTEST_MAIN(TestDateField)
#include "tst_datefield.moc"
