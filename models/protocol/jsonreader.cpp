#include "jsonreader.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace Relais::Protocol {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("Relais::Protocol", text);
}
} // namespace

Result<QJsonObject> parseObject(const QByteArray &body)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &err);
    if (err.error != QJsonParseError::NoError)
        return Error::make(ErrorKind::Invalid, QStringLiteral("json.malformed"),
                           tr("The body is not valid JSON (%1 at offset %2).")
                               .arg(err.errorString())
                               .arg(err.offset));
    if (!doc.isObject())
        return Error::make(ErrorKind::Invalid, QStringLiteral("json.not_object"),
                           tr("The body must be a JSON object."));
    return doc.object();
}

std::optional<qint64> toSafeInteger(const QJsonValue &v)
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (!std::isfinite(d) || std::floor(d) != d || std::fabs(d) > double(MaxSafeInteger))
        return std::nullopt;
    return qint64(d);
}

bool isUuid(const QString &s)
{
    if (s.size() != 36)
        return false;
    for (int i = 0; i < 36; ++i) {
        const QChar c = s.at(i);
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != u'-')
                return false;
        } else if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')
                     || (c >= u'A' && c <= u'F'))) {
            return false;
        }
    }
    return true;
}

ObjectReader::ObjectReader(const QJsonObject &object, QString path, Issues *issues)
    : m_object(object), m_path(std::move(path)), m_issues(issues)
{
}

QString ObjectReader::pathOf(const QString &key) const
{
    return m_path.isEmpty() ? key : m_path + u'.' + key;
}

void ObjectReader::add(const QString &key, const QString &rule, const QString &message)
{
    m_issues->append(Issue{pathOf(key), rule, message});
}

QJsonValue ObjectReader::take(const QString &key, bool required, const char *typeName)
{
    m_seen.insert(key);
    const auto it = m_object.constFind(key);
    if (it == m_object.constEnd()) {
        if (required)
            add(key, QStringLiteral("field.required"), tr("This field is required."));
        return QJsonValue(QJsonValue::Undefined);
    }
    if (it->isNull() && !required)
        return QJsonValue(QJsonValue::Undefined);
    Q_UNUSED(typeName);
    return *it;
}

QString ObjectReader::string(const QString &key, bool required)
{
    const QJsonValue v = take(key, required, "string");
    if (v.isUndefined())
        return {};
    if (!v.isString()) {
        add(key, QStringLiteral("field.type"), tr("This field must be a string."));
        return {};
    }
    return v.toString();
}

QString ObjectReader::uuid(const QString &key, bool required)
{
    const QJsonValue v = take(key, required, "uuid");
    if (v.isUndefined())
        return {};
    if (!v.isString() || !isUuid(v.toString())) {
        add(key, QStringLiteral("field.uuid"), tr("This field must be a UUID."));
        return {};
    }
    return v.toString().toLower();
}

std::optional<qint64> ObjectReader::integer(const QString &key, qint64 min, qint64 max,
                                            bool required)
{
    const QJsonValue v = take(key, required, "integer");
    if (v.isUndefined())
        return std::nullopt;
    const auto n = toSafeInteger(v);
    if (!n) {
        add(key, QStringLiteral("field.type"), tr("This field must be a whole number."));
        return std::nullopt;
    }
    if (*n < min || *n > max) {
        add(key, QStringLiteral("field.range"),
            tr("This field must be between %1 and %2.").arg(min).arg(max));
        return std::nullopt;
    }
    return n;
}

bool ObjectReader::boolean(const QString &key, bool fallback)
{
    const QJsonValue v = take(key, false, "boolean");
    if (v.isUndefined())
        return fallback;
    if (!v.isBool()) {
        add(key, QStringLiteral("field.type"), tr("This field must be true or false."));
        return fallback;
    }
    return v.toBool();
}

QJsonObject ObjectReader::object(const QString &key, bool required)
{
    const QJsonValue v = take(key, required, "object");
    if (v.isUndefined())
        return {};
    if (!v.isObject()) {
        add(key, QStringLiteral("field.type"), tr("This field must be an object."));
        return {};
    }
    return v.toObject();
}

QJsonArray ObjectReader::array(const QString &key, bool required)
{
    const QJsonValue v = take(key, required, "array");
    if (v.isUndefined())
        return {};
    if (!v.isArray()) {
        add(key, QStringLiteral("field.type"), tr("This field must be an array."));
        return {};
    }
    return v.toArray();
}

void ObjectReader::rejectUnknown()
{
    for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it)
        if (!m_seen.contains(it.key()))
            add(it.key(), QStringLiteral("field.unknown"),
                tr("This field is not part of the request."));
}

} // namespace Relais::Protocol
