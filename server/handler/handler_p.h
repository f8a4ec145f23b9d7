#pragma once
// What the route files (apiserver.cpp, syncroutes.cpp, accountroutes.cpp, recoveryroutes.cpp)
// share: replies, the reader of query parameters, and small conversions. Not an interface.

#include "apiserver.h"
#include "jsonreader.h"
#include "messages.h"
#include "protocol.h"
#include "requestlimits.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHttpServerRequest>
#include <QLoggingCategory>
#include <QUrlQuery>

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

namespace Relais::Server::http {

using namespace Protocol;

inline const QString kPrefix = QStringLiteral("/api/v1/");

inline QString tr(const char *text)
{
    return QCoreApplication::translate("Relais::Server::Api", text);
}

inline QByteArray methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get: return "GET";
    case QHttpServerRequest::Method::Put: return "PUT";
    case QHttpServerRequest::Method::Delete: return "DELETE";
    case QHttpServerRequest::Method::Post: return "POST";
    case QHttpServerRequest::Method::Head: return "HEAD";
    case QHttpServerRequest::Method::Options: return "OPTIONS";
    case QHttpServerRequest::Method::Patch: return "PATCH";
    case QHttpServerRequest::Method::Connect: return "CONNECT";
    case QHttpServerRequest::Method::Trace: return "TRACE";
    default: return "UNKNOWN";
    }
}

inline Reply ok(QJsonObject body)
{
    Reply r;
    r.body = std::move(body);
    return r;
}

// The reply to an error of the store or of a request (errors.cpp): its status from one table, by
// the error's code, else by its kind. `title` replaces the table's title of a 4xx problem.
int statusFor(const Error &e);
Reply errorReply(const Error &e, const QString &title = {});

// Query parameters: only the known ones, integers written plainly and within range.
class QueryReader
{
public:
    QueryReader(const QUrlQuery &q, Issues *issues) : m_issues(issues)
    {
        for (const auto &[k, v] : q.queryItems(QUrl::FullyDecoded)) {
            if (m_items.contains(k))
                issues->append(Issue{k, QStringLiteral("param.repeated"),
                                     tr("This parameter is given twice.")});
            m_items.insert(k, v);
        }
    }
    std::optional<qint64> integer(const QString &key, qint64 min, qint64 max, qint64 fallback)
    {
        m_seen << key;
        if (!m_items.contains(key))
            return fallback;
        const QString v = m_items.value(key);
        bool okNumber = !v.isEmpty() && v.size() <= 16;
        for (QChar c : v)
            okNumber = okNumber && c.isDigit() && c.unicode() < 128;
        const qint64 n = okNumber ? v.toLongLong(&okNumber) : 0;
        if (!okNumber || n < min || n > max) {
            m_issues->append(
                Issue{key, QStringLiteral("param.range"),
                      tr("This parameter is a whole number from %1 to %2.").arg(min).arg(max)});
            return std::nullopt;
        }
        return n;
    }
    QString text(const QString &key)
    {
        m_seen << key;
        return m_items.value(key);
    }
    void rejectUnknown()
    {
        for (auto it = m_items.cbegin(); it != m_items.cend(); ++it)
            if (!m_seen.contains(it.key()))
                m_issues->append(
                    Issue{it.key(), QStringLiteral("param.unknown"), tr("Unknown parameter.")});
    }

private:
    QHash<QString, QString> m_items;
    QSet<QString> m_seen;
    Issues *m_issues;
};

// The cursor of the next snapshot page: {"table": T, "after": ID}, or null when done.
inline void appendNextPage(QByteArray &out, const SnapshotPage &page)
{
    if (page.nextTable.isEmpty()) {
        out += "null";
        return;
    }
    out += "{\"table\":";
    JsonText::appendString(out, page.nextTable);
    if (!page.nextAfter.isEmpty()) {
        out += ",\"after\":";
        JsonText::appendString(out, page.nextAfter);
    }
    out += '}';
}

// The same place as a header (Relais-Next-Page): `table=T&after=ID`, `table=T`, or `end`. A desk
// asks for the next page as soon as the answer arrives, while it still reads this one's JSON.
inline QByteArray nextPageHeader(const SnapshotPage &page)
{
    if (page.nextTable.isEmpty())
        return QByteArrayLiteral("end");
    QByteArray h = "table=" + QUrl::toPercentEncoding(page.nextTable);
    if (!page.nextAfter.isEmpty())
        h += "&after=" + QUrl::toPercentEncoding(page.nextAfter);
    return h;
}

inline QJsonObject publisherJson(const PublisherInfo &p)
{
    return {{QStringLiteral("id"), p.id},
            {QStringLiteral("code"), p.code},
            {QStringLiteral("name"), p.name}};
}

inline void logRequest(const QString &user, const QString &route, int status, double ms,
                       const QString &peer)
{
    qCInfo(lcHttp).noquote() << QString(
        isoUtc(QDateTime::currentDateTimeUtc()) + QStringLiteral(" user=") + user
        + QStringLiteral(" route=\"") + route + QStringLiteral("\" status=")
        + QString::number(status) + QStringLiteral(" ms=") + QString::number(ms, 'f', 1)
        + QStringLiteral(" peer=") + peer);
}

// The client's address for login throttling (see clientAddressOf()).
inline QString clientAddress(const QHttpServerRequest &request)
{
    return clientAddressOf(request.remoteAddress(), request.value("X-Real-IP"));
}

inline Caller callerOf(const Session &s)
{
    return Caller{s.user.name, s.user.role, s.user.publisher.id};
}

} // namespace Relais::Server::http
