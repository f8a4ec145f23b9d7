#include "appsettings.h"

#include <QSettings>

namespace Relais::Ui::AppSettings {

QString serverAddress()
{
    return QSettings().value(QStringLiteral("sync/server")).toString();
}

void setServerAddress(const QString &url)
{
    QSettings().setValue(QStringLiteral("sync/server"), url.trimmed());
}

QString language()
{
    const QString
        l = QSettings().value(QStringLiteral("ui/language"), QStringLiteral("fr")).toString();
    return l == u"en" ? l : QStringLiteral("fr");
}

void setLanguage(const QString &language)
{
    QSettings().setValue(QStringLiteral("ui/language"), language);
}

} // namespace Relais::Ui::AppSettings
