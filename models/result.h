#pragma once
// Errors as values: fallible core code returns Result<T>; only relaisctl, the server and ui/ turn an
// Error into an exit status, an HTTP status or a dialog.

#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <variant>

namespace Relais {

enum class ErrorKind {
    Invalid,  // bad input: a field breaks a rule (relaisctl exit 3, HTTP 400/422)
    NotFound, // a referenced thing does not exist
    Conflict, // a business rule refuses the change (overlap, duplicate, state)
    Storage,  // the database failed
    Io,       // a file could not be read or written
    Internal,
};

// One reason, naming the field it concerns (empty when it concerns the whole operation).
struct Issue
{
    QString field;
    QString rule;    // stable code, e.g. "line.too_long"
    QString message; // translated text a clerk can read
    friend bool operator==(const Issue &, const Issue &) = default;
};
using Issues = QList<Issue>;

struct Error
{
    ErrorKind kind = ErrorKind::Internal;
    QString code;    // stable machine-readable code
    QString message; // translated, human
    Issues issues;   // per-field reasons for ErrorKind::Invalid
    // What the database (or the system) said, word for word: for logs and support, never shown to
    // a clerk (SQLite's "database is locked" or "UNIQUE constraint failed: ..." means nothing to them).
    QString detail = {};

    static Error invalid(Issues issues);
    static Error make(ErrorKind kind, QString code, QString message)
    {
        return Error{kind, std::move(code), std::move(message), {}};
    }
    // The message, followed by each issue on its own line ("field: message").
    QString fullText() const;
};

template<typename T> class [[nodiscard]] Result
{
public:
    Result(T value) : m_v(std::move(value)) {}
    Result(Error error) : m_v(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_v); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return std::get<T>(m_v); }
    T &value() & { return std::get<T>(m_v); }
    T &&value() && { return std::get<T>(std::move(m_v)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }
    const Error &error() const { return std::get<Error>(m_v); }

private:
    std::variant<T, Error> m_v;
};

struct Ok
{
};

template<> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Ok) {}
    Result(Error error) : m_error(std::move(error)) {}
    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

using Status = Result<void>;

} // namespace Relais
