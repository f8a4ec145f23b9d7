#include "schema.h"

namespace Relais::Protocol {

namespace {

Column text(const char *name, bool required = false)
{
    return Column{QString::fromLatin1(name), ColumnType::Text, false, required,
                  required ? QVariant() : QVariant(QStringLiteral(""))};
}

Column nullableText(const char *name)
{
    return Column{QString::fromLatin1(name), ColumnType::Text, true, false, QVariant()};
}

Column integer(const char *name, bool required = false, qint64 defaultValue = 0)
{
    return Column{QString::fromLatin1(name), ColumnType::Integer, false, required,
                  required ? QVariant() : QVariant(defaultValue)};
}

QList<Column> addressColumns()
{
    return {text("line2"),       text("line3"), text("line4"),  text("line5"),
            text("postal_code"), text("city"),  text("country")};
}

QList<Table> buildTables()
{
    const Column deleted = integer("deleted");
    QList<Table> tables;
    tables << Table{QStringLiteral("publisher"),
                    {text("code", true), text("name", true), deleted},
                    QStringLiteral("id"),
                    QStringLiteral("publisher")};
    tables << Table{QStringLiteral("publication"),
                    {text("publisher_id", true), text("code", true), text("name", true),
                     text("periodicity", true), integer("weekdays", true), text("cutoff", true),
                     deleted},
                    QStringLiteral("publisher_id"),
                    QStringLiteral("publisher")};
    tables << Table{QStringLiteral("offer"),
                    {text("publication_id", true), text("code", true), text("label", true),
                     integer("months", true), integer("price_cents", true), text("channel", true),
                     deleted},
                    QStringLiteral("publication_id"),
                    QStringLiteral("publication")};
    QList<Column> subscriber = {integer("number", true), text("publisher_id", true),
                                text("civility"),        text("first_name"),
                                text("last_name"),       text("company")};
    subscriber << addressColumns();
    subscriber << text("insee_code"); // the delivery address only: a holiday address has none
    subscriber << text("email") << text("phone") << text("consents") << text("notes")
               << text("sort_key") << deleted;
    tables << Table{QStringLiteral("subscriber"), subscriber, QStringLiteral("publisher_id"),
                    QStringLiteral("publisher")};
    tables << Table{QStringLiteral("subscription"),
                    {text("recipient_id", true), text("payer_id", true), text("offer_id", true),
                     text("publication_id", true), text("start_date", true),
                     nullableText("end_date"), integer("copies", true), integer("auto_renew"),
                     nullableText("cancel_date"), text("cancel_reason"), deleted},
                    QStringLiteral("recipient_id"),
                    QStringLiteral("subscriber")};
    QList<Column> change = {text("subscription_id", true), text("kind", true),
                            text("from_date", true), text("to_date", true)};
    change << addressColumns();
    change << Column{QStringLiteral("compensation"), ColumnType::Text, false, false,
                     QVariant(QStringLiteral("none"))}
           << deleted;
    tables << Table{QStringLiteral("delivery_change"), change, QStringLiteral("subscription_id"),
                    QStringLiteral("subscription")};
    tables << Table{QStringLiteral("complaint"),
                    {text("subscription_id", true), text("issue_date", true), text("kind", true),
                     integer("compensation_issues"), text("note"), deleted},
                    QStringLiteral("subscription_id"),
                    QStringLiteral("subscription")};
    return tables;
}

} // namespace

const QList<Table> &syncedTables()
{
    static const QList<Table> tables = buildTables();
    return tables;
}

const Table *tableByName(const QString &name)
{
    for (const Table &t : syncedTables())
        if (t.name == name)
            return &t;
    return nullptr;
}

const Column *columnOf(const Table &table, const QString &column)
{
    for (const Column &c : table.columns)
        if (c.name == column)
            return &c;
    return nullptr;
}

QStringList metaColumns()
{
    return {QStringLiteral("id"), QStringLiteral("rev"), QStringLiteral("deleted"),
            QStringLiteral("updated_at"), QStringLiteral("updated_by")};
}

} // namespace Relais::Protocol
