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

class SubscriberSearch final
{
public:
    explicit SubscriberSearch(QSqlDatabase db) : m_db(std::move(db)) {}

    // The FTS5 MATCH expression for what a clerk typed; empty when there is nothing to search.
    // A query of digits and separators only ("06 12 34") is one token, so phone numbers typed with
    // spaces find the number stored without them.
    static QString matchExpression(const QString &text);

    // Up to this many matches are ranked; beyond, matches come in index order (see matchingRows).
    static constexpr int RankedAtMost = 500;

    // Best matches first (BM25) when at most RankedAtMost rows match, at most `limit`.
    Result<QList<SearchHit>> run(const QString &text, int limit = 50); // limit: 1000 at most
    // Local row keys (seq) of the matches, ranked as run() does, at most `limit` (for paged lists).
    Result<QList<qint64>> matchingRows(const QString &text, int limit);

private:
    QSqlDatabase m_db;
};

} // namespace Relais
