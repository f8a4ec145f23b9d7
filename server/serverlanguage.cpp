#include "serverlanguage.h"

#include <QCoreApplication>
#include <QFile>
#include <QXmlStreamReader>

#include <algorithm>

namespace Relais::Server {

QString TextTranslator::key(const QString &source, const QString &disambiguation)
{
    return disambiguation.isEmpty() ? source : source + QChar(0x1f) + disambiguation;
}

bool TextTranslator::loadTs(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    QXmlStreamReader xml(&file);
    QString source, comment;
    QStringList forms;
    bool finished = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == u"TS") {
                m_language = xml.attributes().value(QLatin1StringView("language")).toString();
            } else if (name == u"message") {
                source.clear();
                comment.clear();
                forms.clear();
                finished = false;
            } else if (name == u"source") {
                source = xml.readElementText();
            } else if (name == u"comment") {
                comment = xml.readElementText();
            } else if (name == u"translation") {
                const auto type = xml.attributes().value(QLatin1StringView("type"));
                finished = type.isEmpty(); // not "unfinished", "vanished" or "obsolete"
                // Either the text itself or <numerusform> children.
                QString text;
                while (!xml.atEnd()) {
                    xml.readNext();
                    if (xml.isCharacters())
                        text += xml.text();
                    else if (xml.isStartElement() && xml.name() == u"numerusform")
                        forms << xml.readElementText();
                    else if (xml.isEndElement() && xml.name() == u"translation")
                        break;
                }
                if (forms.isEmpty())
                    forms << text;
            }
        } else if (xml.isEndElement() && xml.name() == u"message") {
            const bool empty = std::all_of(forms.cbegin(), forms.cend(),
                                           [](const QString &f) { return f.isEmpty(); });
            const QString k = key(source, comment);
            if (finished && !empty && !m_forms.contains(k))
                m_forms.insert(k, forms);
        }
    }
    return !xml.hasError() && !m_forms.isEmpty();
}

QString TextTranslator::translate(const char *, const char *sourceText, const char *disambiguation,
                                  int n) const
{
    if (!sourceText)
        return {};
    const auto it = m_forms.constFind(
        key(QString::fromUtf8(sourceText), QString::fromUtf8(disambiguation)));
    if (it == m_forms.cend())
        return {};
    const QStringList &forms = *it;
    if (n < 0 || forms.size() < 2)
        return forms.first();
    // French says "0 ligne", "1 ligne", "2 lignes"; English "1 row", "0 rows".
    const bool plural = m_language.startsWith(u"fr") ? n > 1 : n != 1;
    return forms.at(plural ? 1 : 0);
}

bool installLanguage(const QString &language, QString &why)
{
    if (language == u"en")
        return true;
    if (language != u"fr") {
        why = QStringLiteral("fr or en, not %1").arg(language);
        return false;
    }
    // The desk's French first, then the server's (searched first: the last installed is asked first).
    auto *desk = new QTranslator(QCoreApplication::instance());
    if (!desk->load(QStringLiteral(":/i18n/relais_fr.qm"))) {
        why = QStringLiteral(
            "the French translation of the shared rules is missing from this build");
        return false;
    }
    auto *server = new TextTranslator;
    server->setParent(QCoreApplication::instance());
    if (!server->loadTs(QStringLiteral(":/i18n/relais-server_fr.ts"))) {
        why = QStringLiteral("the French translation of the server is missing from this build");
        return false;
    }
    QCoreApplication::installTranslator(desk);
    QCoreApplication::installTranslator(server);
    return true;
}

} // namespace Relais::Server
