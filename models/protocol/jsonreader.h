#pragma once
// A strict reader of JSON objects for the wire protocol: every key must be known, every value of the
// expected type, integers whole and within the 53 bits a JSON number holds exactly. Problems are
// collected as Issues naming the field by its path ("ops[2].seq"), so a client learns all of them
// at once.

#include "result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QSet>

#include <optional>

namespace Relais::Protocol {

// The largest integer a JSON number carries exactly (2^53 - 1).
inline constexpr qint64 MaxSafeInteger = (qint64(1) << 53) - 1;

// Parses a request body that must be one JSON object.
Result<QJsonObject> parseObject(const QByteArray &body);

// Whole-number value of a JSON number, or nullopt (fraction, out of range, not a number).
std::optional<qint64> toSafeInteger(const QJsonValue &v);

class ObjectReader final
{
public:
    ObjectReader(const QJsonObject &object, QString path, Issues *issues);

    QString string(const QString &key, bool required = true);
    // A string that must be a UUID (8-4-4-4-12 hex digits).
    QString uuid(const QString &key, bool required = true);
    std::optional<qint64> integer(const QString &key, qint64 min, qint64 max, bool required = true);
    bool boolean(const QString &key, bool fallback);
    QJsonObject object(const QString &key, bool required = true);
    QJsonArray array(const QString &key, bool required = true);
    // Reports every key of the object that no call above asked for.
    void rejectUnknown();

    QString pathOf(const QString &key) const;

private:
    QJsonValue take(const QString &key, bool required, const char *typeName);
    void add(const QString &key, const QString &rule, const QString &message);

    QJsonObject m_object;
    QString m_path;
    Issues *m_issues;
    QSet<QString> m_seen;
};

bool isUuid(const QString &s);

} // namespace Relais::Protocol
