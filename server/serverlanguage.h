#pragma once
// The language relais-server answers in (`serve --language fr|en`, French first): the messages of
// refusals and problems a desk shows its clerk come from the server, so the server translates them.

#include <QString>
#include <QTranslator>

#include <QHash>

namespace Relais::Server {

// A translator keyed by a message's English text (and disambiguation), whatever its context. The
// server's tr() helpers pass their own contexts ("Relais::Server::Store", "Relais::Server::Api",
// ApiServer's class name...) while lupdate files each string under the C++ scope it was found in, so
// a context-keyed .qm would miss many of them; the English texts are the same on both sides.
class TextTranslator final : public QTranslator
{
public:
    // Reads a Qt Linguist .ts file (a resource path works); finished translations only.
    bool loadTs(const QString &path);
    QString translate(const char *context, const char *sourceText,
                      const char *disambiguation = nullptr, int n = -1) const override;
    bool isEmpty() const override { return m_forms.isEmpty(); }
    qsizetype size() const { return m_forms.size(); }

private:
    static QString key(const QString &source, const QString &disambiguation);
    QHash<QString, QStringList> m_forms; // one form, or the numerus forms
    QString m_language;
};

// Installs the translations of `language` for the whole process: "fr" installs the server's own
// (:/i18n/relais-server_fr.ts) and the desk's (:/i18n/relais_fr.qm, the shared validation rules);
// "en" installs none, the sources being English. False, with `why`, for another language or a
// translation missing from the binary. Call once, before serving.
bool installLanguage(const QString &language, QString &why);

} // namespace Relais::Server
