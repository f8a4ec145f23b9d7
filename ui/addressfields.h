#pragma once
// The postal address as the record's form takes it (NF Z10-011 lines 2 to 5, postal code, town,
// line 6 as printed, country): a live 38-character counter on each line, the reasons under their
// fields as the clerk types, and the towns of a French postal code offered (the only one filled
// in). Used by the holiday-address dialog; the same rules as the record's form.

#include "domain.h"
#include "result.h"

#include <QHash>
#include <QSet>
#include <QWidget>

class QCompleter;
class QLabel;
class QLineEdit;
class QStringListModel;

namespace Relais::Ui {

class AddressFields final : public QWidget
{
    Q_OBJECT
public:
    explicit AddressFields(QWidget *parent = nullptr);

    Address address() const;
    void setAddress(const Address &a); // not "touched": no reason shown until the clerk types
    void setReadOnly(bool readOnly);

    // Runs the address rules; showAll shows every reason, else those of the fields typed in.
    Issues validate(bool showAll);
    QString messageFor(const QString &field) const;
    QLineEdit *edit(const QString &field) const { return m_edits.value(field); }
    QWidget *firstField() const;
    QWidget *lastField() const;
    // Line 6 as the label will print it ("90200 AUXELLES BAS").
    QString printedLine6() const;

signals:
    void edited();

private:
    void fieldEdited(const QString &field);
    void updateCounters();
    void updateTowns();

    QHash<QString, QLineEdit *> m_edits;
    QHash<QString, QLabel *> m_counters;
    QHash<QString, QLabel *> m_messages;
    QSet<QString> m_touched;
    QLabel *m_line6 = nullptr;
    QLabel *m_line6Counter = nullptr;
    QLabel *m_towns = nullptr;
    QStringListModel *m_townModel = nullptr;
    QString m_townsFor;
    bool m_loading = false;
    bool m_showAll = false;
};

// Shared with the record's form: a line's counter ("12/38", red beyond 38) and the towns line.
void setLineCounter(QLabel *counter, const QString &text);
QLabel *makeLineCounter(const QString &name, QWidget *parent);
QString townChoicesText(const QString &code, const QStringList &towns);

} // namespace Relais::Ui
