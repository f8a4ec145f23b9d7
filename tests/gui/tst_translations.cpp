// The desk's French as a clerk reads it, checked on the translation files themselves
// (resources/translations/relais_fr.ts and relais_en.ts): complete, real plurals (never "titre(s)"),
// counts grouped as every other number ("1 718", %Ln), the French space before ":" ";" "?" "!", and
// the overview's legend for new subscriptions not "Départs" (which reads as people leaving).

#include <QFile>
#include <QRegularExpression>
#include <QTest>
#include <QXmlStreamReader>

namespace {

struct Message
{
    QString context;
    QString source;
    bool numerus = false;
    QString type;      // "", "unfinished", "vanished", "obsolete"
    QStringList forms; // the translation, or its plural forms
};

QList<Message> readTs(const QString &language)
{
    QList<Message> out;
    QFile f(QStringLiteral(QT_TESTCASE_SOURCEDIR "/../../resources/translations/relais_%1.ts")
                .arg(language));
    if (!f.open(QIODevice::ReadOnly))
        return out;
    QXmlStreamReader xml(&f);
    QString context;
    Message m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == u"name") {
            context = xml.readElementText();
        } else if (xml.name() == u"message") {
            m = Message{context,
                        {},
                        xml.attributes().value(QStringLiteral("numerus")) == u"yes",
                        {},
                        {}};
        } else if (xml.name() == u"source") {
            m.source = xml.readElementText();
        } else if (xml.name() == u"translation") {
            m.type = xml.attributes().value(QStringLiteral("type")).toString();
            if (!m.numerus) {
                m.forms << xml.readElementText();
                out << m;
                continue;
            }
            while (xml.readNextStartElement())
                m.forms << xml.readElementText();
            out << m;
        }
    }
    return out;
}

bool live(const Message &m)
{
    return m.type != u"vanished" && m.type != u"obsolete";
}

QString where(const Message &m)
{
    return m.context + QStringLiteral(": ") + m.source;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT
private slots:
    void complete_data();
    void complete();
    void realPlurals_data();
    void realPlurals();
    void countsGroupedAsEveryNumber_data();
    void countsGroupedAsEveryNumber();
    void frenchSpaceBeforeDoublePunctuation();
    void overviewLegendSaysNewSubscriptions();
};

void TestTranslations::complete_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("fr") << QStringLiteral("fr");
    QTest::newRow("en") << QStringLiteral("en");
}

void TestTranslations::complete()
{
    QFETCH(QString, language);
    const QList<Message> all = readTs(language);
    QVERIFY2(all.size() > 500, qPrintable(QString::number(all.size())));
    for (const Message &m : all) {
        // English shows its source text where nothing else is given, except for counts: their
        // singular and plural come from the translation only.
        if (!live(m) || (language == u"en" && !m.numerus))
            continue;
        QVERIFY2(m.type != u"unfinished", qPrintable(where(m)));
        for (const QString &form : m.forms)
            QVERIFY2(!form.trimmed().isEmpty(), qPrintable(where(m)));
        if (m.numerus) // French and English both have a singular and a plural
            QVERIFY2(m.forms.size() == 2, qPrintable(where(m)));
    }
}

void TestTranslations::realPlurals_data()
{
    complete_data();
}

void TestTranslations::realPlurals()
{
    // The sources may say "%n title(s)"; what a clerk reads never does.
    QFETCH(QString, language);
    for (const Message &m : readTs(language)) {
        if (!live(m))
            continue;
        for (const QString &form : m.forms)
            QVERIFY2(!form.contains(QStringLiteral("(s)")) && !form.contains(QStringLiteral("(es)"))
                         && !form.contains(QStringLiteral("(x)")),
                     qPrintable(where(m) + QStringLiteral(" -> ") + form));
    }
}

void TestTranslations::countsGroupedAsEveryNumber_data()
{
    complete_data();
}

void TestTranslations::countsGroupedAsEveryNumber()
{
    // %n prints 1718, %Ln prints 1 718 (1,718 in English) as QLocale does for every other number.
    QFETCH(QString, language);
    int counts = 0;
    for (const Message &m : readTs(language)) {
        if (!live(m) || !m.numerus)
            continue;
        for (const QString &form : m.forms) {
            QVERIFY2(!form.contains(QRegularExpression(QStringLiteral("%n"))),
                     qPrintable(where(m) + QStringLiteral(" -> ") + form));
            counts += form.contains(QStringLiteral("%Ln")) ? 1 : 0;
        }
    }
    QVERIFY(counts > 20);
}

void TestTranslations::frenchSpaceBeforeDoublePunctuation()
{
    // "Code postal : 75002", "Supprimer ?": a space (no-break in the file) before : ; ? ! when they
    // end a clause. Not inside code a clerk copies ({%1: ""}), nor a list of separators "(; , |)".
    static const QRegularExpression glued(
        QStringLiteral("([^\\s\\x{00A0}\\x{202F}(])([:;?!])(?=\\s|$|<)"));
    static const QRegularExpression code(QStringLiteral("\\{[^}]*\\}"));
    int checked = 0;
    for (const Message &m : readTs(QStringLiteral("fr"))) {
        if (!live(m))
            continue;
        for (QString form : m.forms) {
            form.remove(code);
            form.replace(QStringLiteral("&nbsp;"),
                         QChar(0x00A0)); // rich text's entities, not punctuation
            form.remove(QRegularExpression(QStringLiteral("&[a-z]+;")));
            const QRegularExpressionMatch hit = glued.match(form);
            QVERIFY2(!hit.hasMatch(), qPrintable(where(m) + QStringLiteral(" -> ") + form));
            ++checked;
        }
    }
    QVERIFY(checked > 500);
}

void TestTranslations::overviewLegendSaysNewSubscriptions()
{
    bool found = false;
    for (const Message &m : readTs(QStringLiteral("fr"))) {
        if (m.context.endsWith(QStringLiteral("ChartWidget")) && m.source == u"Starts" && live(m)) {
            found = true;
            QCOMPARE(m.forms.value(0), QStringLiteral("Nouveaux abonnements"));
        }
        for (const QString &form : m.forms)
            QVERIFY2(!form.contains(QStringLiteral("Départs")), qPrintable(where(m)));
    }
    QVERIFY(found);
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
