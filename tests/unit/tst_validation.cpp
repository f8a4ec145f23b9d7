// Validation rules and the postal code directory, against the shipped reference data.

#include "postalcodes.h"
#include "validation.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTest>

#include <thread>
#include <vector>

using namespace Relais;
using namespace Relais::Validation;
using namespace Qt::StringLiterals;

namespace {

// "field:rule" for each issue, sorted so that a table row does not depend on the order of checks.
QStringList codes(const Issues &issues)
{
    QStringList out;
    for (const Issue &i : issues)
        out << i.field + u':' + i.rule;
    out.sort();
    return out;
}

QStringList sorted(QStringList l)
{
    l.sort();
    return l;
}

const Issue *find(const Issues &issues, const QString &field, const QString &rule)
{
    for (const Issue &i : issues)
        if (i.field == field && i.rule == rule)
            return &i;
    return nullptr;
}

// A complete, valid French address that each row then spoils in one way.
Address frenchAddress()
{
    Address a;
    a.line4 = u"12 RUE DE LA PAIX"_s;
    a.postalCode = u"01000"_s;
    a.city = u"BOURG EN BRESSE"_s;
    return a;
}

// `base` followed by as many `fill` characters as needed to reach `length` characters.
QString padded(const QString &base, int length, QChar fill = u'X')
{
    QString s = base;
    while (s.size() < length)
        s += fill;
    return s;
}

QString nfd(const QString &s)
{
    return s.normalized(QString::NormalizationForm_D);
}

} // namespace

class TestValidation : public QObject
{
    Q_OBJECT

private slots:
    void directoryParsesTheShippedFile();
    void directoryLookups();
    void directoryFromCsvSkipsBadRows();
    void directoryIsSharedAcrossThreads();

    void fold_data();
    void fold();

    void lineLength_data();
    void lineLength();
    void lineLengthMessageNamesTheNumbers();
    void line1_data();
    void line1();
    void line6TooLongSuggestsTheRoutingLabel();
    void controlCharactersInLines();
    void streetRequired_data();
    void streetRequired();

    void town_data();
    void town();
    void mismatchListsAtMostThreeTowns();
    void fourDigitCodeSuggestsLeadingZero();

    void foreign_data();
    void foreign();
    void inseeCode_data();
    void inseeCode();
    void inseeCodeFitsTheTown_data();
    void inseeCodeFitsTheTown();
    void staleInseeCodeDropped_data();
    void staleInseeCodeDropped();

    void messagesAreTranslatableText();
};

void TestValidation::directoryParsesTheShippedFile()
{
    QFile file(u":/data/postal-codes-fr.csv"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray csv = file.readAll();

    QElapsedTimer timer;
    timer.start();
    const PostalCodeDirectory dir = PostalCodeDirectory::fromCsv(csv);
    const qint64 ms = timer.elapsed();
    qInfo("Parsed %d postal code rows in %lld ms", dir.size(), ms);

    // The README announces 35,493 rows; losing any means a row did not parse.
    QCOMPARE(dir.size(), 35493);
    // No time limit here (the time is printed above): ctest asserts no timings, and under the
    // sanitizers (scripts/test.sh --sanitize) the parse takes about 2 s against 0.1 s.

    QCOMPARE(PostalCodeDirectory::instance().size(), 35493);
    QCOMPARE(&PostalCodeDirectory::instance(), &PostalCodeDirectory::instance());
}

void TestValidation::directoryLookups()
{
    const PostalCodeDirectory &dir = PostalCodeDirectory::instance();
    QVERIFY(dir.isKnown(u"01000"_s));
    QVERIFY(dir.isKnown(u" 01000 "_s));
    QVERIFY(dir.isKnown(u"20000"_s)); // Ajaccio
    QVERIFY(dir.isKnown(u"97400"_s)); // Saint-Denis, La Réunion
    QVERIFY(!dir.isKnown(u"99999"_s));
    QVERIFY(!dir.isKnown(u"1000"_s));
    QVERIFY(!dir.isKnown(QString()));

    const QList<Commune> bourg = dir.communesFor(u"01000"_s);
    QCOMPARE(bourg.size(), 2);
    QCOMPARE(bourg.at(0).name, u"Bourg-en-Bresse"_s);
    QCOMPARE(bourg.at(1).name, u"Saint-Denis-lès-Bourg"_s);
    QCOMPARE(bourg.at(1).routingLabel, u"SAINT DENIS LES BOURG"_s);
    QCOMPARE(bourg.at(1).inseeCode, u"01344"_s);
    QCOMPARE(bourg.at(1).postalCode, u"01000"_s);
    QVERIFY(dir.communesFor(u"99999"_s).isEmpty());

    const auto m = dir.match(u"01000"_s, u"st-denis-les-bourg"_s);
    QVERIFY(m.has_value());
    QCOMPARE(m->inseeCode, u"01344"_s);
    QVERIFY(!dir.match(u"01000"_s, u"Lyon"_s).has_value());
    QVERIFY(!dir.match(u"01000"_s, QString()).has_value());
    QVERIFY(!dir.match(u"99999"_s, u"Bourg-en-Bresse"_s).has_value());

    const QStringList paris = dir.codesStartingWith(u"750"_s);
    QCOMPARE(paris.size(), 20);
    QCOMPARE(paris.first(), u"75001"_s);
    QCOMPARE(paris.last(), u"75020"_s);
    QCOMPARE(dir.codesStartingWith(u"75"_s, 3), (QStringList{u"75001"_s, u"75002"_s, u"75003"_s}));
    QCOMPARE(dir.codesStartingWith(u"75"_s).size(), 21); // 75001..75020 and 75116
    QCOMPARE(dir.codesStartingWith(u"01"_s).size(), 50); // the default limit
    QVERIFY(dir.codesStartingWith(u"99"_s).isEmpty());
    QVERIFY(dir.codesStartingWith(u"75"_s, 0).isEmpty());
    const QStringList corsica = dir.codesStartingWith(u"20"_s, 1000);
    QVERIFY(corsica.contains(u"20000"_s));
    QVERIFY(corsica.contains(u"20200"_s));
    QVERIFY(std::is_sorted(corsica.cbegin(), corsica.cend()));
}

void TestValidation::directoryFromCsvSkipsBadRows()
{
    const QByteArray csv =
        "\xEF\xBB\xBFpostal_code;insee_code;commune_name;libelle_acheminement;libelle_source\r\n"
        "01000;01053;Bourg-en-Bresse;BOURG EN BRESSE;codes-postaux\r\n"
        "\r\n"
        "1000;01053;Too short;TOO SHORT;x\r\n"
        "0100A;01053;Letter;LETTER;x\r\n"
        "01000\r\n"
        "02000;02001;;EMPTY NAME;x\r\n"
        "97400;97411;Saint-Denis;SAINT DENIS;codes-postaux"; // no final newline
    const PostalCodeDirectory dir = PostalCodeDirectory::fromCsv(csv);
    QCOMPARE(dir.size(), 2);
    QVERIFY(dir.isKnown(u"01000"_s));
    QVERIFY(dir.isKnown(u"97400"_s));
    QVERIFY(!dir.isKnown(u"1000"_s));
    QVERIFY(!dir.isKnown(u"02000"_s));
    QCOMPARE(dir.communesFor(u"01000"_s).constFirst().routingLabel, u"BOURG EN BRESSE"_s);
    QCOMPARE(dir.codesStartingWith(QString()), (QStringList{u"01000"_s, u"97400"_s}));

    QCOMPARE(PostalCodeDirectory::fromCsv(QByteArray()).size(), 0);
}

void TestValidation::directoryIsSharedAcrossThreads()
{
    // Whoever asks first parses; everyone must get the same, complete directory.
    std::vector<const PostalCodeDirectory *> seen(4, nullptr);
    std::vector<int> sizes(4, 0);
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([i, &seen, &sizes] {
            seen[size_t(i)] = &PostalCodeDirectory::instance();
            sizes[size_t(i)] = seen[size_t(i)]->size();
        });
    }
    for (std::thread &t : threads)
        t.join();
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(seen[size_t(i)], &PostalCodeDirectory::instance());
        QCOMPARE(sizes[size_t(i)], 35493);
    }
}

void TestValidation::fold_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("folded");
    QTest::newRow("accents and hyphens")
        << u"Saint-Denis-lès-Bourg"_s << u"SAINT DENIS LES BOURG"_s;
    QTest::newRow("apostrophe") << u"L'Haÿ-les-Roses"_s << u"L HAY LES ROSES"_s;
    QTest::newRow("typographic apostrophe")
        << u"Saint-Denis-d’Oléron"_s << u"SAINT DENIS D OLERON"_s;
    QTest::newRow("decomposed") << nfd(u"Évian-les-Bains"_s) << u"EVIAN LES BAINS"_s;
    QTest::newRow("ligature") << u"Cœuvres-et-Valsery"_s << u"COEUVRES ET VALSERY"_s;
    QTest::newRow("capital ligature") << u"Œuilly"_s << u"OEUILLY"_s;
    QTest::newRow("spaces collapsed") << u"  rue   de  la\tpaix  "_s << u"RUE DE LA PAIX"_s;
    QTest::newRow("punctuation") << u"12, av. du Gal. de Gaulle (bât. B)"_s
                                 << u"12 AV DU GAL DE GAULLE BAT B"_s;
    QTest::newRow("cedilla") << u"Façade"_s << u"FACADE"_s;
    QTest::newRow("digits kept") << u"Paris 16e"_s << u"PARIS 16E"_s;
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("only punctuation") << u" - ' . "_s << QString();
}

void TestValidation::fold()
{
    QFETCH(QString, text);
    QFETCH(QString, folded);
    QCOMPARE(foldForPostal(text), folded);
}

void TestValidation::lineLength_data()
{
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("tooLong");

    const QString accented = u"ALLÉE DES ÉCOLES À CÔTÉ DE L'ÉGLISE"_s; // 35 characters
    QVERIFY(accented.size() == 35);

    for (int line = 2; line <= 5; ++line) {
        QTest::addRow("line %d, 38 plain", line) << line << padded(u"RESIDENCE"_s, 38) << false;
        QTest::addRow("line %d, 39 plain", line) << line << padded(u"RESIDENCE"_s, 39) << true;
        QTest::addRow("line %d, 38 accented", line) << line << padded(accented, 38) << false;
        QTest::addRow("line %d, 39 accented", line) << line << padded(accented, 39) << true;
        // 38 letters in NFD take more than 38 UTF-16 units; a printer still shows 38.
        QTest::addRow("line %d, 38 decomposed", line) << line << nfd(padded(accented, 38)) << false;
        QTest::addRow("line %d, 39 decomposed", line) << line << nfd(padded(accented, 39)) << true;
        QTest::addRow("line %d, 38 all accents", line) << line << QString(38, u'É') << false;
        QTest::addRow("line %d, 39 all accents", line) << line << QString(39, u'É') << true;
        QTest::addRow("line %d, 38 apostrophes", line)
            << line << padded(u"CHEZ M. D'ARTAGNAN L’AÎNÉ"_s, 38, u'\'') << false;
        QTest::addRow("line %d, 39 apostrophes", line)
            << line << padded(u"CHEZ M. D'ARTAGNAN L’AÎNÉ"_s, 39, u'’') << true;
        // Surrounding spaces are not printed.
        QTest::addRow("line %d, 38 with spaces around", line)
            << line << u"   "_s + padded(u"A"_s, 38) + u"  "_s << false;
    }
    QTest::newRow("line 4, empty") << 4 << QString() << false;
}

void TestValidation::lineLength()
{
    QFETCH(int, line);
    QFETCH(QString, text);
    QFETCH(bool, tooLong);

    Address a = frenchAddress();
    QString field;
    switch (line) {
    case 2:
        a.line2 = text;
        field = u"line2"_s;
        break;
    case 3:
        a.line3 = text;
        field = u"line3"_s;
        break;
    case 4:
        a.line4 = text;
        field = u"line4"_s;
        break;
    case 5:
        a.line5 = text;
        field = u"line5"_s;
        break;
    }
    if (line == 4 && text.isEmpty())
        a.line5 = u"LIEU DIT LES GRANGES"_s;

    const Issues issues = validateAddress(a);
    const QStringList expected = tooLong ? QStringList{field + u":line.too_long"_s} : QStringList{};
    QCOMPARE(codes(issues), expected);
}

void TestValidation::lineLengthMessageNamesTheNumbers()
{
    Address a = frenchAddress();
    a.line4 = nfd(padded(u"12 AVENUE DE L'ÉTÉ "_s, 39));
    const Issues issues = validateAddress(a);
    QCOMPARE(issues.size(), 1);
    QCOMPARE(issues.at(0).message, u"Line 4 has 39 characters; at most 38 are allowed."_s);

    a = frenchAddress();
    a.line2 = QString(45, u'A');
    QCOMPARE(validateAddress(a).at(0).message,
             u"Line 2 has 45 characters; at most 38 are allowed."_s);
}

void TestValidation::line1_data()
{
    QTest::addColumn<QString>("civility");
    QTest::addColumn<QString>("firstName");
    QTest::addColumn<QString>("lastName");
    QTest::addColumn<QString>("company");
    QTest::addColumn<QStringList>("expected");

    // "Mme Marie-Hélène " is 17 characters; the last name fills the rest.
    QTest::newRow("38 with accents") << u"Mme"_s << u"Marie-Hélène"_s << padded(u"D'Aubigné"_s, 21)
                                     << QString() << QStringList{};
    QTest::newRow("39 with accents") << u"Mme"_s << u"Marie-Hélène"_s << padded(u"D'Aubigné"_s, 22)
                                     << QString() << QStringList{u"line1:line.too_long"_s};
    QTest::newRow("38 decomposed") << u"Mme"_s << nfd(u"Marie-Hélène"_s)
                                   << nfd(padded(u"D'Aubigné"_s, 21)) << QString() << QStringList{};
    QTest::newRow("39 decomposed")
        << u"Mme"_s << nfd(u"Marie-Hélène"_s) << nfd(padded(u"D'Aubigné"_s, 22)) << QString()
        << QStringList{u"line1:line.too_long"_s};
    QTest::newRow("company 38") << QString() << QString() << QString()
                                << padded(u"SARL L'ÉPICERIE "_s, 38) << QStringList{};
    QTest::newRow("company 39") << QString() << QString() << QString()
                                << padded(u"SARL L'ÉPICERIE "_s, 39)
                                << QStringList{u"line1:line.too_long"_s};
    QTest::newRow("no name, no company") << u"M."_s << u"Jean"_s << QString() << QString()
                                         << QStringList{u"last_name:name.required"_s};
    QTest::newRow("blank name") << QString() << QString() << u"   "_s << QString()
                                << QStringList{u"last_name:name.required"_s};
    QTest::newRow("company only") << QString() << QString() << QString() << u"ACME"_s
                                  << QStringList{};
    QTest::newRow("last name only")
        << QString() << QString() << u"Dupont"_s << QString() << QStringList{};
    QTest::newRow("civility only, no company") << u"Mme"_s << QString() << QString() << QString()
                                               << QStringList{u"last_name:name.required"_s};
}

void TestValidation::line1()
{
    QFETCH(QString, civility);
    QFETCH(QString, firstName);
    QFETCH(QString, lastName);
    QFETCH(QString, company);
    QFETCH(QStringList, expected);

    Subscriber s;
    s.civility = civility;
    s.firstName = firstName;
    s.lastName = lastName;
    s.company = company;
    const Issues issues = validateIdentity(s);
    QCOMPARE(codes(issues), sorted(expected));
    if (const Issue *i = find(issues, u"line1"_s, u"line.too_long"_s))
        QVERIFY2(i->message.contains(u"Line 1 has 39 characters"_s), qPrintable(i->message));
}

void TestValidation::line6TooLongSuggestsTheRoutingLabel()
{
    Address a = frenchAddress();
    a.postalCode = u"51290"_s;
    a.city = u"Saint-Remy-en-Bouzemont-Saint-Genest-et-Isson"_s; // 45 + 6 = 51 characters
    Issues issues = validateAddress(a);
    QCOMPARE(codes(issues), QStringList{u"city:line.too_long"_s});
    QVERIFY2(issues.at(0).message.contains(u"51 characters"_s), qPrintable(issues.at(0).message));
    QVERIFY2(issues.at(0).message.contains(u"ST REMY BOUZEMONT"_s),
             qPrintable(issues.at(0).message));

    a.city = u"ST REMY BOUZEMONT"_s;
    QCOMPARE(codes(validateAddress(a)), QStringList{});

    // 5 + 1 + 32 = 38: the longest a town may be.
    a = frenchAddress();
    a.country = u"GERMANY"_s;
    a.postalCode = u"12345"_s;
    a.city = QString(32, u'B');
    QCOMPARE(codes(validateAddress(a)), QStringList{});
    a.city = QString(33, u'B');
    QCOMPARE(codes(validateAddress(a)), QStringList{u"city:line.too_long"_s});
}

void TestValidation::controlCharactersInLines()
{
    Address a = frenchAddress();
    a.line3 = u"BAT A\nESC 2"_s;
    QCOMPARE(codes(validateAddress(a)), QStringList{u"line3:line.invalid_character"_s});
    a.line3 = u"BAT A\tESC 2"_s;
    QCOMPARE(codes(validateAddress(a)), QStringList{u"line3:line.invalid_character"_s});
}

void TestValidation::streetRequired_data()
{
    QTest::addColumn<QString>("line4");
    QTest::addColumn<QString>("line5");
    QTest::addColumn<QString>("country");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("street") << u"1 RUE X"_s << QString() << QString() << QStringList{};
    QTest::newRow("lieu-dit only")
        << QString() << u"LIEU DIT LE MOULIN"_s << QString() << QStringList{};
    QTest::newRow("BP only") << QString() << u"BP 42"_s << QString() << QStringList{};
    QTest::newRow("neither") << QString() << QString() << QString()
                             << QStringList{u"line4:street.required"_s};
    QTest::newRow("blank") << u"  "_s << u" "_s << QString()
                           << QStringList{u"line4:street.required"_s};
    QTest::newRow("neither, abroad")
        << QString() << QString() << u"BELGIQUE"_s << QStringList{u"line4:street.required"_s};
}

void TestValidation::streetRequired()
{
    QFETCH(QString, line4);
    QFETCH(QString, line5);
    QFETCH(QString, country);
    QFETCH(QStringList, expected);
    Address a = frenchAddress();
    a.line4 = line4;
    a.line5 = line5;
    if (!country.isEmpty()) {
        a.country = country;
        a.postalCode = u"1000"_s;
        a.city = u"BRUXELLES"_s;
    }
    QCOMPARE(codes(validateAddress(a)), expected);
}

void TestValidation::town_data()
{
    QTest::addColumn<QString>("postalCode");
    QTest::addColumn<QString>("city");
    QTest::addColumn<QString>("country");
    QTest::addColumn<QStringList>("expected");

    const QStringList ok;
    const QStringList mismatch{u"city:city.mismatch"_s};
    const QStringList unknown{u"postal_code:postal_code.unknown"_s};
    const QStringList format{u"postal_code:postal_code.format"_s};

    QTest::newRow("commune name") << u"01000"_s << u"Bourg-en-Bresse"_s << QString() << ok;
    QTest::newRow("routing label") << u"01000"_s << u"BOURG EN BRESSE"_s << QString() << ok;
    QTest::newRow("second commune of the code")
        << u"01000"_s << u"Saint-Denis-lès-Bourg"_s << QString() << ok;
    QTest::newRow("ST for SAINT") << u"01000"_s << u"ST DENIS LES BOURG"_s << QString() << ok;
    QTest::newRow("St- for Saint-") << u"01000"_s << u"St-Denis-lès-Bourg"_s << QString() << ok;
    QTest::newRow("lower case, no accents")
        << u"01000"_s << u"saint denis les bourg"_s << QString() << ok;
    QTest::newRow("decomposed accents")
        << u"01000"_s << nfd(u"Saint-Denis-lès-Bourg"_s) << QString() << ok;
    QTest::newRow("SAINT for label ST")
        << u"01140"_s << u"SAINT ETIENNE SUR CHALARONNE"_s << QString() << ok;
    QTest::newRow("STE for SAINTE")
        << u"01000"_s << u"STE DENIS LES BOURG"_s << QString() << mismatch;
    QTest::newRow("spaces around") << u" 01000 "_s << u"  Bourg-en-Bresse "_s << QString() << ok;
    QTest::newRow("country FRANCE") << u"01000"_s << u"BOURG EN BRESSE"_s << u"FRANCE"_s << ok;
    QTest::newRow("country fr") << u"01000"_s << u"BOURG EN BRESSE"_s << u"fr"_s << ok;
    QTest::newRow("apostrophe and diaeresis")
        << u"94240"_s << u"L'Haÿ-les-Roses"_s << QString() << ok;
    QTest::newRow("apostrophe as space") << u"94240"_s << u"L HAY LES ROSES"_s << QString() << ok;
    QTest::newRow("ligature") << u"02160"_s << u"Œuilly"_s << QString() << ok;
    QTest::newRow("ligature spelt out") << u"02160"_s << u"OEUILLY"_s << QString() << ok;
    QTest::newRow("label with digits")
        << u"28170"_s << u"LE BOULLAY LES 2 EGLISES"_s << QString() << ok;
    QTest::newRow("name with digits spelt")
        << u"28170"_s << u"Le Boullay-les-Deux-Églises"_s << QString() << ok;
    QTest::newRow("label carrying its code")
        << u"05330"_s << u"SAINT CHAFFREY"_s << QString() << ok;
    QTest::newRow("truncated label")
        << u"02160"_s << u"LA VILLE AUX BOIS LES PONTAVER"_s << QString() << ok;

    QTest::newRow("Paris arrondissement") << u"75008"_s << u"PARIS"_s << QString() << ok;
    QTest::newRow("Paris 16 label") << u"75016"_s << u"PARIS 16"_s << QString() << ok;
    QTest::newRow("Paris 16 bare") << u"75016"_s << u"Paris"_s << QString() << ok;
    QTest::newRow("Paris arrondissement name")
        << u"75008"_s << u"Paris 8e Arrondissement"_s << QString() << ok;
    QTest::newRow("Lyon") << u"69003"_s << u"Lyon"_s << QString() << ok;
    QTest::newRow("Marseille 1er") << u"13001"_s << u"MARSEILLE"_s << QString() << ok;

    QTest::newRow("Corsica, Ajaccio") << u"20000"_s << u"AJACCIO"_s << QString() << ok;
    QTest::newRow("Corsica, Bastia") << u"20200"_s << u"Bastia"_s << QString() << ok;
    QTest::newRow("Corsica, wrong code") << u"20000"_s << u"BASTIA"_s << QString() << mismatch;
    QTest::newRow("Corsica, 2A is not a code") << u"2A000"_s << u"AJACCIO"_s << QString() << format;
    QTest::newRow("Guadeloupe") << u"97100"_s << u"Basse-Terre"_s << QString() << ok;
    QTest::newRow("Guadeloupe, principal label")
        << u"97110"_s << u"POINTE A PITRE PRINCIPAL"_s << QString() << ok;
    QTest::newRow("Guadeloupe, commune name")
        << u"97110"_s << u"Pointe-à-Pitre"_s << QString() << ok;
    QTest::newRow("Réunion") << u"97400"_s << u"SAINT DENIS"_s << QString() << ok;
    QTest::newRow("Réunion, ST") << u"97400"_s << u"ST DENIS"_s << QString() << ok;
    QTest::newRow("Réunion, wrong town")
        << u"97400"_s << u"SAINT PIERRE"_s << QString() << mismatch;
    QTest::newRow("Mayotte") << u"97600"_s << u"Mamoudzou"_s << QString() << ok;
    QTest::newRow("Saint-Pierre-et-Miquelon") << u"97500"_s << u"SAINT PIERRE"_s << QString() << ok;

    QTest::newRow("wrong code for the town") << u"01000"_s << u"LYON"_s << QString() << mismatch;
    QTest::newRow("neighbouring town")
        << u"01090"_s << u"BOURG EN BRESSE"_s << QString() << mismatch;
    QTest::newRow("unknown code") << u"99999"_s << u"NULLEPART"_s << QString() << unknown;
    QTest::newRow("unknown code in a real department")
        << u"01999"_s << u"BOURG EN BRESSE"_s << QString() << unknown;
    QTest::newRow("four digits") << u"1000"_s << u"BOURG EN BRESSE"_s << QString() << format;
    QTest::newRow("six digits") << u"010000"_s << u"BOURG EN BRESSE"_s << QString() << format;
    QTest::newRow("space inside") << u"01 000"_s << u"BOURG EN BRESSE"_s << QString() << format;
    QTest::newRow("letter") << u"0100O"_s << u"BOURG EN BRESSE"_s << QString() << format;
    QTest::newRow("Arabic-Indic digits")
        << u"٠١٠٠٠"_s << u"BOURG EN BRESSE"_s << QString() << format;
    QTest::newRow("no code") << QString() << u"BOURG EN BRESSE"_s << QString()
                             << QStringList{u"postal_code:postal_code.required"_s};
    QTest::newRow("no town") << u"01000"_s << QString() << QString()
                             << QStringList{u"city:city.required"_s};
    QTest::newRow("nothing") << QString() << u" "_s << QString()
                             << QStringList{u"city:city.required"_s,
                                            u"postal_code:postal_code.required"_s};

    QTest::newRow("CEDEX, unknown code") << u"69421"_s << u"LYON CEDEX 03"_s << QString() << ok;
    QTest::newRow("CEDEX without number")
        << u"01012"_s << u"BOURG EN BRESSE CEDEX"_s << QString() << ok;
    QTest::newRow("CEDEX, other commune of the department")
        << u"01012"_s << u"Saint-Denis-lès-Bourg Cedex"_s << QString() << ok;
    QTest::newRow("CEDEX, Paris") << u"75381"_s << u"PARIS CEDEX 08"_s << QString() << ok;
    QTest::newRow("CEDEX, lower case") << u"75381"_s << u"Paris cedex 08"_s << QString() << ok;
    QTest::newRow("CEDEX, Corsica") << u"20189"_s << u"AJACCIO CEDEX 2"_s << QString() << ok;
    QTest::newRow("CEDEX, overseas") << u"97405"_s << u"SAINT DENIS CEDEX"_s << QString() << ok;
    QTest::newRow("CEDEX, known code")
        << u"01000"_s << u"BOURG EN BRESSE CEDEX"_s << QString() << ok;
    QTest::newRow("CEDEX, town of another department")
        << u"69421"_s << u"PARIS CEDEX 08"_s << QString() << mismatch;
    QTest::newRow("CEDEX, known code of another town")
        << u"01000"_s << u"LYON CEDEX"_s << QString() << mismatch;
    QTest::newRow("CEDEX, four digits") << u"6942"_s << u"LYON CEDEX 03"_s << QString() << format;
    QTest::newRow("unknown code, no CEDEX") << u"69421"_s << u"LYON"_s << QString() << unknown;
    QTest::newRow("CEDEX alone") << u"69421"_s << u"CEDEX"_s << QString() << unknown;
}

void TestValidation::town()
{
    QFETCH(QString, postalCode);
    QFETCH(QString, city);
    QFETCH(QString, country);
    QFETCH(QStringList, expected);

    Address a = frenchAddress();
    a.postalCode = postalCode;
    a.city = city;
    a.country = country;
    const Issues issues = validateAddress(a);
    QCOMPARE(codes(issues), sorted(expected));
    for (const Issue &i : issues)
        QVERIFY2(!i.message.isEmpty(), qPrintable(i.rule));
}

void TestValidation::mismatchListsAtMostThreeTowns()
{
    Address a = frenchAddress();
    a.city = u"LYON"_s;
    Issues issues = validateAddress(a);
    QCOMPARE(issues.size(), 1);
    QCOMPARE(issues.at(0).message,
             u"The postal code 01000 is for BOURG EN BRESSE, SAINT DENIS LES BOURG, not LYON."_s);

    // 51300 has 46 communes: three are named, the rest counted.
    a.postalCode = u"51300"_s;
    issues = validateAddress(a);
    QCOMPARE(codes(issues), QStringList{u"city:city.mismatch"_s});
    const QString m = issues.at(0).message;
    QVERIFY2(m.contains(u"and 43 more"_s), qPrintable(m));
    QCOMPARE(m.count(u", "_s), 3); // "A, B, C and 43 more, not LYON"
}

void TestValidation::fourDigitCodeSuggestsLeadingZero()
{
    Address a = frenchAddress();
    a.postalCode = u"1000"_s;
    Issues issues = validateAddress(a);
    QCOMPARE(codes(issues), QStringList{u"postal_code:postal_code.format"_s});
    QVERIFY2(issues.at(0).message.contains(u"Did you mean 01000?"_s),
             qPrintable(issues.at(0).message));

    a.postalCode = u"9999"_s; // 09999 does not exist: no suggestion
    issues = validateAddress(a);
    QCOMPARE(codes(issues), QStringList{u"postal_code:postal_code.format"_s});
    QVERIFY(!issues.at(0).message.contains(u"Did you mean"_s));

    // A digit dropped at the end: the town says which code was meant, not 07500 in Ardèche.
    a.postalCode = u"7500"_s;
    a.city = u"Paris"_s;
    issues = validateAddress(a);
    QCOMPARE(codes(issues), QStringList{u"postal_code:postal_code.format"_s});
    QVERIFY2(issues.at(0).message.contains(u"75001"_s), qPrintable(issues.at(0).message));
    QVERIFY2(!issues.at(0).message.contains(u"07500"_s), qPrintable(issues.at(0).message));
}

void TestValidation::inseeCode_data()
{
    QTest::addColumn<QString>("postalCode");
    QTest::addColumn<QString>("city");
    QTest::addColumn<QString>("country");
    QTest::addColumn<QString>("insee");
    QTest::addColumn<QString>("expected"); // rule, or empty
    QTest::newRow("none") << u"01000"_s << u"BOURG EN BRESSE"_s << QString() << QString()
                          << QString();
    QTest::newRow("Bourg-en-Bresse")
        << u"01000"_s << u"BOURG EN BRESSE"_s << QString() << u"01053"_s << QString();
    QTest::newRow("other commune of the code")
        << u"01000"_s << u"BOURG EN BRESSE"_s << QString() << u"01344"_s << QString();
    QTest::newRow("spaces around")
        << u"01000"_s << u"BOURG EN BRESSE"_s << QString() << u" 01053 "_s << QString();
    QTest::newRow("Ajaccio 2A") << u"20000"_s << u"AJACCIO"_s << QString() << u"2A004"_s
                                << QString();
    QTest::newRow("Paris arrondissement")
        << u"75002"_s << u"PARIS"_s << QString() << u"75102"_s << QString();
    QTest::newRow("Paris itself") << u"75002"_s << u"PARIS"_s << QString() << u"75056"_s
                                  << QString();
    QTest::newRow("Marseille itself")
        << u"13001"_s << u"MARSEILLE"_s << QString() << u"13055"_s << QString();
    QTest::newRow("Lyon itself") << u"69002"_s << u"LYON"_s << QString() << u"69123"_s << QString();
    QTest::newRow("Lyon for Paris")
        << u"75002"_s << u"PARIS"_s << QString() << u"69123"_s << u"insee.mismatch"_s;
    QTest::newRow("another postal code")
        << u"01000"_s << u"BOURG EN BRESSE"_s << QString() << u"75102"_s << u"insee.mismatch"_s;
    QTest::newRow("2a in lower case")
        << u"20000"_s << u"AJACCIO"_s << QString() << u"2a004"_s << u"insee.format"_s;
    QTest::newRow("2C") << u"20000"_s << u"AJACCIO"_s << QString() << u"2C004"_s
                        << u"insee.format"_s;
    QTest::newRow("four digits") << u"01000"_s << u"BOURG EN BRESSE"_s << QString() << u"1053"_s
                                 << u"insee.format"_s;
    QTest::newRow("letters") << u"01000"_s << u"BOURG EN BRESSE"_s << QString() << u"0105A"_s
                             << u"insee.format"_s;
    QTest::newRow("abroad") << u"1000"_s << u"BRUXELLES"_s << u"BELGIQUE"_s << u"01053"_s
                            << u"insee.abroad"_s;
    // A CEDEX code is not in La Poste's open data: the INSEE code cannot be checked against it.
    QTest::newRow("CEDEX") << u"69421"_s << u"LYON CEDEX 03"_s << QString() << u"69383"_s
                           << QString();
}

void TestValidation::inseeCode()
{
    QFETCH(QString, postalCode);
    QFETCH(QString, city);
    QFETCH(QString, country);
    QFETCH(QString, insee);
    QFETCH(QString, expected);
    Address a = frenchAddress();
    a.postalCode = postalCode;
    a.city = city;
    a.country = country;
    a.inseeCode = insee;
    const Issues issues = validateInseeCode(a);
    QCOMPARE(codes(issues),
             expected.isEmpty() ? QStringList() : QStringList{u"insee_code:"_s + expected});
    // The address rules include it, on the insee_code field.
    QCOMPARE(find(validateAddress(a), u"insee_code"_s, expected) != nullptr, !expected.isEmpty());
    if (expected == u"insee.mismatch") // names the communes of the postal code
        QVERIFY2(issues.first().message.contains(postalCode), qPrintable(issues.first().message));
}

void TestValidation::inseeCodeFitsTheTown_data()
{
    QTest::addColumn<QString>("postalCode");
    QTest::addColumn<QString>("city");
    QTest::addColumn<QString>("insee");
    QTest::addColumn<bool>("fits");
    QTest::newRow("no code") << u"01000"_s << u"BOURG EN BRESSE"_s << QString() << true;
    QTest::newRow("its town") << u"01000"_s << u"Bourg-en-Bresse"_s << u"01053"_s << true;
    QTest::newRow("another town of the code")
        << u"01000"_s << u"SAINT DENIS LES BOURG"_s << u"01053"_s << false;
    QTest::newRow("its town as routing label")
        << u"01000"_s << u"ST DENIS LES BOURG"_s << u"01344"_s << true;
    QTest::newRow("a town the data does not know")
        << u"01000"_s << u"BOURG CEDEX"_s << u"01053"_s << true;
    QTest::newRow("another postal code") << u"69002"_s << u"LYON"_s << u"01053"_s << false;
    QTest::newRow("Paris itself, any arrondissement")
        << u"75016"_s << u"PARIS"_s << u"75056"_s << true;
}

void TestValidation::inseeCodeFitsTheTown()
{
    QFETCH(QString, postalCode);
    QFETCH(QString, city);
    QFETCH(QString, insee);
    QFETCH(bool, fits);
    Address a = frenchAddress();
    a.postalCode = postalCode;
    a.city = city;
    a.inseeCode = insee;
    QCOMPARE(inseeCodeFits(a), fits);
}

void TestValidation::staleInseeCodeDropped_data()
{
    QTest::addColumn<QString>("postalCode");
    QTest::addColumn<QString>("city");
    QTest::addColumn<QString>("country");
    QTest::addColumn<QString>("insee"); // as edited (the code before is 01053)
    QTest::addColumn<QString>("kept");
    QTest::newRow("nothing moved")
        << u"01000"_s << u"BOURG EN BRESSE"_s << QString() << u"01053"_s << u"01053"_s;
    QTest::newRow("same town, other spelling")
        << u"01000"_s << u"Bourg-en-Bresse"_s << QString() << u"01053"_s << u"01053"_s;
    QTest::newRow("moved to Lyon")
        << u"69002"_s << u"LYON"_s << QString() << u"01053"_s << QString();
    QTest::newRow("other town of the code")
        << u"01000"_s << u"SAINT DENIS LES BOURG"_s << QString() << u"01053"_s << QString();
    QTest::newRow("moved abroad") << u"1000"_s << u"BRUXELLES"_s << u"BELGIQUE"_s << u"01053"_s
                                  << QString();
    // A code the edit itself gave is left to the rules.
    QTest::newRow("moved with a new code")
        << u"69002"_s << u"LYON"_s << QString() << u"69382"_s << u"69382"_s;
    QTest::newRow("new wrong code kept for the rules")
        << u"69002"_s << u"LYON"_s << QString() << u"75102"_s << u"75102"_s;
}

void TestValidation::staleInseeCodeDropped()
{
    QFETCH(QString, postalCode);
    QFETCH(QString, city);
    QFETCH(QString, country);
    QFETCH(QString, insee);
    QFETCH(QString, kept);
    Address before = frenchAddress();
    before.inseeCode = u"01053"_s;
    Address edited = before;
    edited.postalCode = postalCode;
    edited.city = city;
    edited.country = country;
    edited.inseeCode = insee;
    dropStaleInseeCode(edited, before);
    QCOMPARE(edited.inseeCode, kept);
}

void TestValidation::foreign_data()
{
    QTest::addColumn<QString>("postalCode");
    QTest::addColumn<QString>("city");
    QTest::addColumn<QString>("country");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("United Kingdom")
        << u"SW1A 1AA"_s << u"LONDON"_s << u"UNITED KINGDOM"_s << QStringList{};
    QTest::newRow("Belgium, 4 digits")
        << u"1000"_s << u"BRUXELLES"_s << u"BELGIQUE"_s << QStringList{};
    QTest::newRow("Germany, code that is not French")
        << u"10115"_s << u"BERLIN"_s << u"ALLEMAGNE"_s << QStringList{};
    QTest::newRow("French code and town abroad are not checked")
        << u"01000"_s << u"LYON"_s << u"SUISSE"_s << QStringList{};
    QTest::newRow("no postal code") << QString() << u"DUBLIN"_s << u"IRLANDE"_s << QStringList{};
    QTest::newRow("no town") << u"1000"_s << QString() << u"BELGIQUE"_s
                             << QStringList{u"city:city.required"_s};
    QTest::newRow("country 38") << u"1000"_s << u"BRUXELLES"_s << padded(u"RÉPUBLIQUE "_s, 38)
                                << QStringList{};
    QTest::newRow("country 39") << u"1000"_s << u"BRUXELLES"_s << padded(u"RÉPUBLIQUE "_s, 39)
                                << QStringList{u"country:line.too_long"_s};
    QTest::newRow("country is punctuation")
        << u"1000"_s << u"BRUXELLES"_s << u"-"_s << QStringList{u"country:country.required"_s};
    QTest::newRow("town line 39") << u"SW1A 1AA"_s << padded(u"LONDON "_s, 30)
                                  << u"UNITED KINGDOM"_s << QStringList{u"city:line.too_long"_s};
}

void TestValidation::foreign()
{
    QFETCH(QString, postalCode);
    QFETCH(QString, city);
    QFETCH(QString, country);
    QFETCH(QStringList, expected);

    Address a = frenchAddress();
    a.postalCode = postalCode;
    a.city = city;
    a.country = country;
    QVERIFY(!a.isFrance());
    QCOMPARE(codes(validateAddress(a)), sorted(expected));
}

void TestValidation::messagesAreTranslatableText()
{
    // Every issue carries a sentence, not a code: a clerk reads it as it is.
    Address a;
    a.line2 = QString(40, u'A');
    a.postalCode = u"ABCDE"_s;
    const Issues issues = validateAddress(a);
    QVERIFY(!issues.isEmpty());
    for (const Issue &i : issues) {
        QVERIFY2(i.message.size() > 15 && i.message.endsWith(u'.'), qPrintable(i.message));
        QVERIFY(i.message != i.rule);
    }
}

QTEST_GUILESS_MAIN(TestValidation)
#include "tst_validation.moc"
