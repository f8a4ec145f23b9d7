#include "settingsdialog.h"

#include "appsettings.h"
#include "store.h"
#include "ui_settingsdialog.h"

#include <QUrl>

namespace Relais::Ui {

SettingsDialog::SettingsDialog(Store &store, QWidget *parent)
    : QDialog(parent), m_store(store), m_ui(std::make_unique<::Ui::SettingsDialog>())
{
    m_ui->setupUi(this);
    m_ui->language->addItem(QStringLiteral("Français"), QStringLiteral("fr"));
    m_ui->language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_ui->language->setCurrentIndex(m_ui->language->findData(AppSettings::language()));
    m_ui->deskName->setText(store.desk().deskName);
    m_ui->server->setText(AppSettings::serverAddress());
    // Room for a whole address such as https://relais.journal-de-l-ouest.fr:8443 (it was cut at
    // "https://relais.exa…").
    m_ui->server->setMinimumWidth(m_ui->server->fontMetrics().horizontalAdvance(QLatin1Char('x'))
                                  * 44);
    m_ui->error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_ui->error->hide();
    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::accept()
{
    const QString name = m_ui->deskName->text().trimmed();
    const QString server = m_ui->server->text().trimmed();
    if (name.isEmpty()) {
        m_ui->error->setText(tr("A desk needs a name: it appears in the audit of every change."));
        m_ui->error->show();
        m_ui->deskName->setFocus();
        return;
    }
    if (!server.isEmpty()) {
        const QUrl url(server, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https")
            || url.host().isEmpty()) {
            m_ui->error->setText(
                tr("The server address is a web address such as https://relais.example.fr."));
            m_ui->error->show();
            m_ui->server->setFocus();
            return;
        }
    }
    if (name != m_store.desk().deskName) {
        if (Status s = m_store.setDeskName(name); !s) {
            m_ui->error->setText(s.error().message);
            m_ui->error->show();
            return;
        }
    }
    AppSettings::setServerAddress(server);
    const QString language = m_ui->language->currentData().toString();
    m_languageChanged = language != AppSettings::language();
    AppSettings::setLanguage(language);
    QDialog::accept();
}

} // namespace Relais::Ui
