#include "result.h"

#include <QCoreApplication>

namespace Relais {

Error Error::invalid(Issues issues)
{
    Error e;
    e.kind = ErrorKind::Invalid;
    e.code = QStringLiteral("invalid");
    e.message = QCoreApplication::translate("Relais", "The input is not valid.");
    e.issues = std::move(issues);
    return e;
}

QString Error::fullText() const
{
    QString text = message;
    for (const Issue &i : issues) {
        text += u'\n';
        if (!i.field.isEmpty())
            text += i.field + QStringLiteral(": ");
        text += i.message;
    }
    return text;
}

} // namespace Relais
