#pragma once
// Limits on what a request may be, checked before anything parses it.

#include <QByteArray>

namespace Relais::Server {

// The deepest a request body nests objects and arrays: a push is four levels deep
// (ops[i].fields.column); Qt's parser would otherwise go on recursing up to its own limit.
inline constexpr int MaxJsonDepth = 16;

// The nesting depth of JSON text (brackets outside strings), stopping early once past `limit`.
// Text that is not JSON gets a number all the same; the parser refuses it afterwards.
int jsonDepth(const QByteArray &text, int limit = MaxJsonDepth);

} // namespace Relais::Server
