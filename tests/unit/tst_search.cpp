// Subscriber search: prefixes, accents and case, several words in any order, numbers, postal codes,
// towns, e-mail and phone typed with or without separators; the index follows every change.

#include "deskfixture.h"
#include "search.h"

#include <QTest>

using namespace Relais;
using Relais::Test::DeskFixture;

namespace {
// The number of hits, or -1 (with the reason in the log) when the search failed.
qsizetype hitCount(SubscriberSearch &search, const QString &text, int limit = 50)
{
    auto r = search.run(text, limit);
    if (!r.ok()) {
        qWarning() << r.error().fullText();
        return -1;
    }
    return r.value().size();
}
} // namespace

class tst_Search : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void finds_data();
    void finds();
    void matchExpression_data();
    void matchExpression();
    void followsUpdates();
    void limit();
    void wholeWordsFirst();
    void manyMatchesComeUnranked();

private:
    DeskFixture *m_f = nullptr;
    QHash<QString, qint64> m_numbers;
};

void tst_Search::initTestCase()
{
    m_f = new DeskFixture;
    struct P
    {
        const char *first;
        const char *last;
        const char *company;
        const char *code;
        const char *city;
        const char *email;
        const char *phone;
    };
    const P people[] = {
        {"Élodie", "Lefèvre", "", "69001", "LYON", "elodie.lefevre@example.fr", "06 12 34 56 78"},
        {"Jean", "Dupont", "", "75002", "PARIS", "jean.dupont@orange.fr", ""},
        {"Jeanne", "Dupond", "", "13001", "MARSEILLE", "", "+33 4 91 00 00 01"},
        {"Loïc", "d'Arcy", "", "35000", "RENNES", "", ""},
        {"", "", "Boulangerie Saint-Honoré", "75001", "PARIS", "contact@boulangerie.fr",
         "01 42 00 00 00"},
        {"Noël", "Œuvray", "", "17580", "LE BOIS PLAGE EN RE", "", ""},
    };
    for (const P &p : people) {
        Subscriber s;
        s.firstName = QString::fromUtf8(p.first);
        s.lastName = QString::fromUtf8(p.last);
        s.company = QString::fromUtf8(p.company);
        s.address.line4 = QStringLiteral("1 rue Pasteur");
        s.address.postalCode = QString::fromLatin1(p.code);
        s.address.city = QString::fromLatin1(p.city);
        s.email = QString::fromLatin1(p.email);
        s.phone = QString::fromLatin1(p.phone);
        auto r = m_f->store().addSubscriber(s);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().fullText()));
        m_numbers.insert(s.lastName.isEmpty() ? s.company : s.lastName, r.value().number);
    }
}

void tst_Search::cleanupTestCase()
{
    delete m_f;
}

void tst_Search::finds_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("expected"); // last names (or company), any order
    const QString lefevre = QStringLiteral("Lefèvre");
    QTest::newRow("exact") << QStringLiteral("Lefèvre") << QStringList{lefevre};
    QTest::newRow("no accent") << QStringLiteral("lefevre") << QStringList{lefevre};
    QTest::newRow("upper case") << QStringLiteral("LEFEVRE") << QStringList{lefevre};
    QTest::newRow("prefix") << QStringLiteral("lef") << QStringList{lefevre};
    QTest::newRow("accented first name prefix") << QStringLiteral("élo") << QStringList{lefevre};
    QTest::newRow("two words any order")
        << QStringLiteral("jean dup")
        << QStringList{QStringLiteral("Dupont"), QStringLiteral("Dupond")};
    QTest::newRow("two words narrow")
        << QStringLiteral("dupont jean") << QStringList{QStringLiteral("Dupont")};
    QTest::newRow("apostrophe") << QStringLiteral("d'arcy")
                                << QStringList{QStringLiteral("d'Arcy")};
    QTest::newRow("apostrophe dropped")
        << QStringLiteral("arcy") << QStringList{QStringLiteral("d'Arcy")};
    QTest::newRow("ligature") << QStringLiteral("œuvray") << QStringList{QStringLiteral("Œuvray")};
    QTest::newRow("company") << QStringLiteral("boulang")
                             << QStringList{QStringLiteral("Boulangerie Saint-Honoré")};
    QTest::newRow("company hyphen")
        << QStringLiteral("saint-hono") << QStringList{QStringLiteral("Boulangerie Saint-Honoré")};
    QTest::newRow("postal code") << QStringLiteral("69001") << QStringList{lefevre};
    QTest::newRow("postal code prefix")
        << QStringLiteral("750")
        << QStringList{QStringLiteral("Dupont"), QStringLiteral("Boulangerie Saint-Honoré")};
    QTest::newRow("town") << QStringLiteral("marseil") << QStringList{QStringLiteral("Dupond")};
    QTest::newRow("town words") << QStringLiteral("bois plage")
                                << QStringList{QStringLiteral("Œuvray")};
    QTest::newRow("email") << QStringLiteral("jean.dupont@orange.fr")
                           << QStringList{QStringLiteral("Dupont")};
    QTest::newRow("email prefix") << QStringLiteral("elodie.lef") << QStringList{lefevre};
    QTest::newRow("phone spaced") << QStringLiteral("06 12 34") << QStringList{lefevre};
    QTest::newRow("phone dotted") << QStringLiteral("06.12.34.56.78") << QStringList{lefevre};
    QTest::newRow("phone joined") << QStringLiteral("0612345678") << QStringList{lefevre};
    QTest::newRow("nothing") << QStringLiteral("zzzz") << QStringList{};
    QTest::newRow("empty") << QStringLiteral("   ") << QStringList{};
    QTest::newRow("only punctuation") << QStringLiteral("\"*()") << QStringList{};
    QTest::newRow("fts syntax is text") << QStringLiteral("NOT dupont") << QStringList{};
}

void tst_Search::finds()
{
    QFETCH(QString, query);
    QFETCH(QStringList, expected);
    auto hits = SubscriberSearch(m_f->store().db()).run(query);
    QVERIFY2(hits.ok(), qPrintable(hits.ok() ? QString() : hits.error().fullText()));
    QStringList got;
    for (const SearchHit &h : hits.value())
        got << (h.lastName.isEmpty() ? h.company : h.lastName);
    got.sort();
    expected.sort();
    QCOMPARE(got, expected);
}

void tst_Search::matchExpression_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expression");
    QTest::newRow("words") << QStringLiteral("jean  Dup") << QStringLiteral("\"jean\"* \"Dup\"*");
    QTest::newRow("phone") << QStringLiteral("+33 6 12") << QStringLiteral("\"33612\"*");
    QTest::newRow("quotes stripped") << QStringLiteral("a\"b") << QStringLiteral("\"a\"* \"b\"*");
    QTest::newRow("empty") << QString() << QString();
}

void tst_Search::matchExpression()
{
    QFETCH(QString, text);
    QFETCH(QString, expression);
    QCOMPARE(SubscriberSearch::matchExpression(text), expression);
}

void tst_Search::followsUpdates()
{
    DeskFixture f;
    Subscriber s = f.addPerson(QStringLiteral("Ancien"));
    SubscriberSearch search(f.store().db());
    QCOMPARE(hitCount(search, QStringLiteral("ancien")), 1);
    s.lastName = QStringLiteral("Nouveau");
    QVERIFY(f.store().updateSubscriber(s).ok());
    QCOMPARE(hitCount(search, QStringLiteral("ancien")), 0);
    QCOMPARE(hitCount(search, QStringLiteral("nouveau")), 1);
    // A change of a field the index does not hold leaves it as it is.
    s.notes = QStringLiteral("appelle le matin");
    QVERIFY(f.store().updateSubscriber(s).ok());
    QCOMPARE(hitCount(search, QStringLiteral("nouveau")), 1);
    QVERIFY(f.store().check().ok);
}

void tst_Search::limit()
{
    DeskFixture f;
    for (int i = 0; i < 30; ++i)
        f.addPerson(QStringLiteral("Martin"), QStringLiteral("P%1").arg(i));
    SubscriberSearch search(f.store().db());
    QCOMPARE(hitCount(search, QStringLiteral("martin"), 10), 10);
    const auto all = search.matches(QStringLiteral("martin"), 100);
    QCOMPARE(all.value().rows.size(), 30);
    QCOMPARE(all.value().total, 30);
    QVERIFY(all.value().complete);
    QVERIFY(all.value().ranked);
    const auto some = search.matches(QStringLiteral("martin"), 10);
    QCOMPARE(some.value().rows.size(), 10);
    QVERIFY(!some.value().complete);
    QVERIFY(some.value().ranked);
}

void tst_Search::wholeWordsFirst()
{
    DeskFixture f;
    for (const char *name : {"Martinez", "Martineau", "Martinet", "Martinon", "Martin", "Martin"})
        f.addPerson(QString::fromLatin1(name), QStringLiteral("Paul"));
    SubscriberSearch search(f.store().db());
    auto hits = search.run(QStringLiteral("martin"));
    QVERIFY(hits.ok());
    QCOMPARE(hits.value().size(), 6);
    QCOMPARE(hits.value().at(0).lastName, QStringLiteral("Martin"));
    QCOMPARE(hits.value().at(1).lastName, QStringLiteral("Martin"));
    QVERIFY(hits.value().at(2).lastName != QStringLiteral("Martin"));
    // Even when the whole words rank low and only a few rows are asked for.
    auto two = search.run(QStringLiteral("martin"), 2);
    QVERIFY(two.ok());
    QCOMPARE(two.value().size(), 2);
    QCOMPARE(two.value().at(0).lastName, QStringLiteral("Martin"));
    QCOMPARE(two.value().at(1).lastName, QStringLiteral("Martin"));
    // A whole word anywhere counts: the town, the e-mail.
    f.addPerson(QStringLiteral("Durand"), QStringLiteral("Martinien"));
    auto town = search.run(QStringLiteral("paris martin"));
    QVERIFY(town.ok());
    QCOMPARE(town.value().first().lastName, QStringLiteral("Martin"));
}

void tst_Search::manyMatchesComeUnranked()
{
    // Past RankedAtMost matches, the rows come in index order, still every one of them.
    DeskFixture f;
    const int n = SubscriberSearch::RankedAtMost + 20;
    for (int i = 0; i < n; ++i)
        f.addPerson(QStringLiteral("Bernard"), QStringLiteral("P%1").arg(i));
    f.addPerson(QStringLiteral("Bertrand"));
    SubscriberSearch search(f.store().db());
    auto all = search.matches(QStringLiteral("ber"), 10000);
    QVERIFY(all.ok());
    QCOMPARE(all.value().rows.size(), n + 1);
    QVERIFY(all.value().complete);
    QVERIFY(!all.value().ranked);
    QCOMPARE(hitCount(search, QStringLiteral("ber"), 50), 50);
    QCOMPARE(hitCount(search, QStringLiteral("bernard p519"), 50), 1);
    QCOMPARE(hitCount(search, QStringLiteral("bertr"), 50), 1);
}

QTEST_GUILESS_MAIN(tst_Search)
#include "tst_search.moc"
