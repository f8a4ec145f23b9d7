#pragma once
// The desk's settings: its name (kept in the desk database), the server address and the language.

#include <QDialog>

#include <memory>

namespace Ui {
class SettingsDialog;
}

namespace Relais {
class Store;
}

namespace Relais::Ui {

class SettingsDialog final : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(Store &store, QWidget *parent = nullptr);
    ~SettingsDialog() override;
    void accept() override;
    bool languageChanged() const { return m_languageChanged; }

private:
    Store &m_store;
    std::unique_ptr<::Ui::SettingsDialog> m_ui;
    bool m_languageChanged = false;
};

} // namespace Relais::Ui
