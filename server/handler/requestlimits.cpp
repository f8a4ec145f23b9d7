#include "requestlimits.h"

namespace Relais::Server {

int jsonDepth(const QByteArray &text, int limit)
{
    int depth = 0;
    int deepest = 0;
    bool inString = false;
    bool escaped = false;
    for (const char c : text) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"': inString = true; break;
        case '{':
        case '[':
            deepest = qMax(deepest, ++depth);
            if (deepest > limit)
                return deepest;
            break;
        case '}':
        case ']': --depth; break;
        default: break;
        }
    }
    return deepest;
}

} // namespace Relais::Server
