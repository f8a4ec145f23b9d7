// The small forms the desk and the server share (formats.h): the printed length of a line, UTC
// timestamps, JSON string escapes in their two forms (from UTF-16 and from UTF-8), dates shown
// with four-digit years in every locale.

#include "formats.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Relais;
using namespace Qt::StringLiterals;

class TestFormats : public QObject
{
    Q_OBJECT

private slots:
    void printedLength_data();
    void printedLength();
    void isoUtc_data();
    void isoUtc();
    void nowIsUtc();
    void shortDateHasFourDigitYears_data();
    void shortDateHasFourDigitYears();
    void jsonAsQtWritesIt_data();
    void jsonAsQtWritesIt();
    void jsonCanonical_data();
    void jsonCanonical();
};

void TestFormats::printedLength_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("length");
    QTest::newRow("empty") << QString() << 0;
    QTest::newRow("ascii") << u"12 RUE DE LA PAIX"_s << 17;
    QTest::newRow("trimmed") << u"  LYON \t"_s << 4;
    QTest::newRow("composed é") << u"Hélène"_s << 6;
    QTest::newRow("decomposed é counts once") << u"He\u0301le\u0300ne"_s << 6;
    QTest::newRow("outside the BMP counts once") << u"A\U0001F600B"_s << 3;
}

void TestFormats::printedLength()
{
    QFETCH(QString, text);
    QFETCH(int, length);
    QCOMPARE(Relais::printedLength(text), length);
}

void TestFormats::isoUtc_data()
{
    QTest::addColumn<QDateTime>("time");
    QTest::addColumn<QString>("text");
    QTest::newRow("UTC") << QDateTime(QDate(2026, 3, 1), QTime(9, 30), Qt::UTC)
                         << u"2026-03-01T09:30:00.000Z"_s;
    QTest::newRow("milliseconds") << QDateTime(QDate(2026, 3, 1), QTime(9, 30, 5, 7), Qt::UTC)
                                  << u"2026-03-01T09:30:05.007Z"_s;
    QTest::newRow("two hours ahead")
        << QDateTime(QDate(2026, 1, 1), QTime(1, 0), Qt::OffsetFromUTC, 7200)
        << u"2025-12-31T23:00:00.000Z"_s;
    QTest::newRow("invalid") << QDateTime() << QString();
}

void TestFormats::isoUtc()
{
    QFETCH(QDateTime, time);
    QFETCH(QString, text);
    QCOMPARE(Relais::isoUtc(time), text);
    // What the desk reads back is the same time.
    if (time.isValid())
        QCOMPARE(QDateTime::fromString(text, Qt::ISODateWithMs), time);
}

void TestFormats::nowIsUtc()
{
    const QString now = nowUtcIso();
    QCOMPARE(now.size(), 24); // fixed width: text order is time order
    QVERIFY(now.endsWith(u'Z'));
    const QDateTime t = QDateTime::fromString(now, Qt::ISODateWithMs);
    QVERIFY(qAbs(t.msecsTo(QDateTime::currentDateTimeUtc())) < 60 * 1000);
}

namespace {

QString allControlCharacters()
{
    QString s;
    for (char16_t c = 0; c < 0x20; ++c)
        s += QChar(c);
    return s;
}

} // namespace

void TestFormats::jsonAsQtWritesIt_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("plain") << u"Hélène Lefèvre"_s;
    QTest::newRow("quote and backslash") << u"say \"C:\\relais\""_s;
    QTest::newRow("every control character") << allControlCharacters();
    QTest::newRow("delete and beyond") << u"\u007f\u00a0\u2028\U0001F600"_s;
}

void TestFormats::jsonAsQtWritesIt()
{
    QFETCH(QString, text);
    QByteArray ours = "{\"k\":";
    appendJsonString(ours, text, JsonEscapes::Qt);
    ours += '}';
    QCOMPARE(ours, QJsonDocument(QJsonObject{{u"k"_s, text}}).toJson(QJsonDocument::Compact));
}

void TestFormats::jsonCanonical_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("json");
    // The form operation digests and table checksums were computed with: it must not change.
    QTest::newRow("plain") << u"Hélène"_s << QByteArray("\"H\xc3\xa9l\xc3\xa8ne\"");
    QTest::newRow("quote and backslash") << u"a\"b\\c"_s << QByteArray(R"("a\"b\\c")");
    QTest::newRow("named escapes") << u"\n\r\t"_s << QByteArray(R"("\n\r\t")");
    QTest::newRow("backspace and form feed by code")
        << u"\b\f"_s << QByteArray(R"("\u0008\u000c")");
    QTest::newRow("other controls by code") << u"\u0001\u001f"_s << QByteArray(R"("\u0001\u001f")");
    QTest::newRow("delete as it is") << u"\u007f"_s << QByteArray("\"\x7f\"");
}

void TestFormats::jsonCanonical()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, json);
    QByteArray out;
    appendJsonString(out, text);
    QCOMPARE(out, json);
    // Text already in UTF-8 (a server backup writes SQLite's own) gives the same bytes.
    const QByteArray utf8 = text.toUtf8();
    QByteArray fromUtf8;
    appendJsonUtf8(fromUtf8, utf8.constData(), utf8.size());
    QCOMPARE(fromUtf8, json);
}

void TestFormats::shortDateHasFourDigitYears_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("date"); // 2 August 2027 as the locale's short form shows it
    QTest::newRow("French") << u"fr_FR"_s << u"02/08/2027"_s;
    QTest::newRow("English (US): M/d/yy in Qt") << u"en_US"_s << u"8/2/2027"_s;
    QTest::newRow("English (UK)") << u"en_GB"_s << u"02/08/2027"_s;
    QTest::newRow("German: dd.MM.yy in Qt") << u"de_DE"_s << u"02.08.2027"_s;
    QTest::newRow("Dutch: dd-MM-y in Qt") << u"nl_NL"_s << u"02-08-2027"_s;
}

void TestFormats::shortDateHasFourDigitYears()
{
    QFETCH(QString, locale);
    QFETCH(QString, date);
    const QLocale l(locale);
    QCOMPARE(shortDate(QDate(2027, 8, 2), l), date);
    // The date and time: the same date, then the locale's time.
    const QString withTime = shortDateTime(QDateTime(QDate(2027, 8, 2), QTime(9, 30)), l);
    QVERIFY2(withTime.startsWith(date), qPrintable(withTime));
    QVERIFY2(withTime.contains(u"30"_s), qPrintable(withTime));
    QCOMPARE(shortDate(QDate(), l), QString());
    QCOMPARE(shortDateTime(QDateTime(), l), QString());
}

QTEST_GUILESS_MAIN(TestFormats)
#include "tst_formats.moc"
