#pragma once
// The desk's preferences kept by Qt (QSettings): server address and language. The desk's name
// lives in the desk database, where sync and relaisctl see it too.

#include <QString>

namespace Relais::Ui::AppSettings {

QString serverAddress();
void setServerAddress(const QString &url);
// "fr" (default) or "en".
QString language();
void setLanguage(const QString &language);

} // namespace Relais::Ui::AppSettings
