#pragma once
// The subscriber's identity, postal address (NF Z10-011 lines, each with a live 38-character
// counter), and contact fields. Validates as the clerk types and shows each reason under its
// field; offers the towns of a French postal code from La Poste's reference data.

#include "domain.h"
#include "result.h"

#include <QHash>
#include <QSet>
#include <QVariantMap>
#include <QWidget>

class QComboBox;
class QCompleter;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QStringListModel;

namespace Relais::Ui {

class SubscriberForm final : public QWidget
{
    Q_OBJECT
public:
    explicit SubscriberForm(QWidget *parent = nullptr);

    // Loads a subscriber (a default-constructed one for a new record); not modified afterwards.
    void setSubscriber(const Subscriber &s);
    // The loaded subscriber with the fields as typed.
    Subscriber subscriber() const;
    // The subscriber as the clerk saw it when the edit began: the base of the change a save sends
    // (Store::updateSubscriber). The loaded one, unless a restored draft recorded another.
    const Subscriber &seen() const { return m_seen; }
    void setSeen(const Subscriber &seen) { m_seen = seen; }
    bool isModified() const { return m_modified; }
    void setModified(bool modified);

    // What a draft keeps: field name -> text.
    QVariantMap values() const;
    void setValues(const QVariantMap &values); // marks the form modified
    // The same fields of a subscriber, and a subscriber with such fields replaced.
    static QVariantMap valuesOf(const Subscriber &s);
    static Subscriber withValues(Subscriber s, const QVariantMap &values);

    // Runs the validation rules; with showAll every issue is shown, else only those of fields the
    // clerk has touched. Returns every issue (shown or not).
    Issues validate(bool showAll);
    // Shows reasons that came back from the store (e.g. a duplicate), next to their fields.
    void showIssues(const Issues &issues);
    // A message for a field, or an empty string.
    QString messageFor(const QString &field) const;
    QWidget *firstField() const;
    QWidget *fieldWidget(const QString &field) const;

signals:
    void modifiedChanged(bool modified);
    void edited();
    void saveRequested();

private:
    struct Line
    {
        QLineEdit *edit = nullptr;
        QLabel *counter = nullptr;
    };
    QLineEdit *addLine(const QString &field, const QString &label, bool counted, QWidget *parent,
                       QFormLayout *form);
    void fieldEdited(const QString &field);
    void updateCounters();
    void updateTowns();

    Subscriber m_loaded;
    Subscriber m_seen;
    bool m_modified = false;
    bool m_loading = false;
    bool m_showAll = false;
    QSet<QString> m_touched;
    QHash<QString, QLineEdit *> m_edits;
    QHash<QString, QLabel *> m_counters;
    QHash<QString, QLabel *> m_messages;
    QComboBox *m_civility = nullptr;
    QPlainTextEdit *m_notes = nullptr;
    QLabel *m_line1 = nullptr;
    QLabel *m_line1Counter = nullptr;
    QLabel *m_line6 = nullptr;
    QLabel *m_line6Counter = nullptr;
    QLabel *m_townHint = nullptr;
    QLabel *m_insee = nullptr;
    QCompleter *m_townCompleter = nullptr;
    QStringListModel *m_towns = nullptr;
    QString m_townsFor;
};

} // namespace Relais::Ui
