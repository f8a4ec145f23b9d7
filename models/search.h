#pragma once
// Subscriber search over the FTS5 index: name, company, number, postal code, town, e-mail, phone;
// every word is a prefix, accents and case do not matter, words may come in any order.

#include "result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace Relais {

struct SearchHit
{
    qint64 seq = 0; // local row key
    QString id;
    qint64 number = 0;
    QString civility;
    QString firstName;
    QString lastName;
    QString company;
    QString line4;
    QString postalCode;
    QString city;
    QString email;
    QString phone;
};

// The matches of a search, for lists that page over them.
struct SearchMatches
{
    QList<qint64> rows;   // local keys (seq), at most maxRows
    qint64 total = 0;     // every match when `complete`, else a lower bound
    bool complete = true; // false when there are more matches than maxRows
    bool ranked = false;  // best first (BM25); else in the index's order
};

class SubscriberSearch final
{
public:
    explicit SubscriberSearch(QSqlDatabase db) : m_db(std::move(db)) {}

    // The FTS5 MATCH expression for what a clerk typed; empty when there is nothing to search.
    // A query of digits and separators only ("06 12 34") is one token, so phone numbers typed with
    // spaces find the number stored without them.
    static QString matchExpression(const QString &text);
    // The words of what a clerk typed, as the index would split them.
    static QStringList words(const QString &text);

    // Up to this many matches are ranked; beyond, matches come in index order (see matchingRows).
    static constexpr int RankedAtMost = 500;

    // Best matches first (BM25) when at most RankedAtMost rows match, at most `limit`.
    Result<QList<SearchHit>> run(const QString &text, int limit = 50); // limit: 1000 at most
    // Local row keys (seq) of the matches, at most `maxRows`. Ranking costs a BM25 score per match
    // ("lap" matches every laposte.net address), so the matches are first read unranked, which
    // stops early, and ranked only when there are at most `maxRanked` of them; otherwise they come
    // in index order and the clerk's next keystroke narrows them.
    Result<SearchMatches> matches(const QString &text, int maxRows, int maxRanked = RankedAtMost);

private:
    QSqlDatabase m_db;
};

} // namespace Relais
