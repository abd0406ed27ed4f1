//! A small JSON tree, reader and writer for the dossier, the edition and the report.
//!
//! Written for this crate rather than taken from serde_json because it ships in the WebAssembly
//! module: serde_json with its `Value` and the derived deserializers made up more than a third of
//! the module. The reader is strict where a dossier must be (a field named twice is refused with its
//! path and place, found in n log n; nesting and fields per object are bounded) and has no floating
//! point: a decimal number is kept as it was written, to be refused where an integer is due. Objects
//! keep their fields in the order written. Native builds use the very same code, so the browser and
//! `explor check` read a file alike.

/// A JSON value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Value>),
    Object(Map),
}

/// A JSON number: an integer that fits `i64`, a larger one that fits `u64`, or anything else (a
/// decimal, an exponent, a huge integer) kept as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Number {
    Int(i64),
    Big(u64),
    Other(String),
}

/// A JSON object: its fields in the order they were written or inserted, each name once.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Map {
    entries: Vec<(String, Value)>,
}

impl Map {
    pub fn new() -> Self {
        Map::default()
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key` to `value`, in place when the field exists, at the end otherwise.
    pub fn insert(&mut self, key: impl Into<String>, value: Value) {
        *self.entry(key.into()) = value;
    }

    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let at = self.entries.iter().position(|(k, _)| k == key)?;
        Some(self.entries.remove(at).1)
    }

    /// The value of `key`, a `null` added at the end when the field is missing.
    pub fn entry(&mut self, key: String) -> &mut Value {
        let at = match self.entries.iter().position(|(k, _)| *k == key) {
            Some(at) => at,
            None => {
                self.entries.push((key, Value::Null));
                self.entries.len() - 1
            }
        };
        &mut self.entries[at].1
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&String, &mut Value)> {
        self.entries.iter_mut().map(|(k, v)| (&*k, v))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl FromIterator<(String, Value)> for Map {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Self {
        let mut map = Map::new();
        for (key, value) in iter {
            map.insert(key, value);
        }
        map
    }
}

impl Value {
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }

    pub fn is_array(&self) -> bool {
        matches!(self, Value::Array(_))
    }

    /// The field `key` of an object; `None` for a missing field or a value that is no object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(map) => map.get(key),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Number(Number::Int(n)) => Some(*n),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Self {
        Value::Number(Number::Int(n))
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.to_owned())
    }
}

/// Why a text is not JSON. Line and column are 1-based and count characters, not bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// A character that cannot stand where it is; the place is that character's.
    Syntax,
    /// The text stops before the value ends; the place is just after the last character.
    Eof,
    /// An object names a field twice; `path` is the field's dotted path (`budget.expenses[1].label`)
    /// and the place is the start of its second name.
    Duplicate { path: String },
    /// Nested deeper than allowed; the place is the bracket that goes one level too deep.
    TooDeep,
    /// An object has more than [`MAX_FIELDS`] fields; `path` is the object's dotted path (empty for
    /// the top level) and the place is the start of the first name beyond the limit.
    TooManyFields { path: String },
}

/// The most fields an object may have. A dossier's largest object has 13 and the edition's a dozen:
/// far more is a forged file, refused before it costs time or memory.
pub const MAX_FIELDS: usize = 10_000;

/// Reads `text` as one JSON value (white space around it allowed), nesting at most `max_depth`
/// arrays and objects. Never panics, and never recurses deeper than `max_depth`.
pub fn parse(text: &str, max_depth: usize) -> Result<Value, Error> {
    parse_counted(text, max_depth).0
}

/// [`parse`], with the number of name comparisons made to find fields named twice (for the tests
/// that bound that work).
fn parse_counted(text: &str, max_depth: usize) -> (Result<Value, Error>, usize) {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
        max_depth,
        comparisons: 0,
    };
    let result = reader
        .value(&Place::Root, 0)
        .and_then(|value| {
            reader.skip_space();
            if reader.at < reader.bytes.len() {
                Err(ErrorKind::Syntax)
            } else {
                Ok(value)
            }
        })
        .map_err(|kind| reader.error(kind));
    (result, reader.comparisons)
}

/// Where a value stands, to name a field (a duplicate, a wrong type) without building a path for
/// every value: a chain of borrowed names and indices, made into a dotted path only when needed.
#[derive(Debug, Clone, Copy)]
pub enum Place<'p> {
    Root,
    Key(&'p Place<'p>, &'p str),
    Index(&'p Place<'p>, usize),
}

impl Place<'_> {
    /// The dotted path (`budget.expenses[1].label`); empty for the root.
    pub fn path(&self) -> String {
        match self {
            Place::Root => String::new(),
            Place::Key(parent, key) => {
                let mut path = parent.path();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                path
            }
            Place::Index(parent, index) => {
                let mut path = parent.path();
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
                path
            }
        }
    }
}

struct Reader<'t> {
    text: &'t str,
    bytes: &'t [u8],
    /// The byte where reading stands; on an error, the place of that error.
    at: usize,
    max_depth: usize,
    /// Name comparisons made to find duplicate fields.
    comparisons: usize,
}

type Read<T> = Result<T, ErrorKind>;

impl Reader<'_> {
    fn error(&self, kind: ErrorKind) -> Error {
        let at = self.at.min(self.bytes.len());
        // `at` is always on a character boundary: it only stops on ASCII bytes or at the end.
        let before = self.text.get(..at).unwrap_or(self.text);
        let line_start = before.rfind('\n').map_or(0, |n| n + 1);
        Error {
            kind,
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// The next byte after white space, not consumed; `Eof` at the end.
    fn next_token(&mut self) -> Read<u8> {
        self.skip_space();
        self.peek().ok_or(ErrorKind::Eof)
    }

    fn value(&mut self, place: &Place<'_>, depth: usize) -> Read<Value> {
        match self.next_token()? {
            b'{' => self.object(place, depth + 1),
            b'[' => self.array(place, depth + 1),
            b'"' => self.string().map(Value::String),
            b't' => self.literal("true", Value::Bool(true)),
            b'f' => self.literal("false", Value::Bool(false)),
            b'n' => self.literal("null", Value::Null),
            b'-' | b'0'..=b'9' => self.number().map(Value::Number),
            _ => Err(ErrorKind::Syntax),
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Read<Value> {
        for expected in word.bytes() {
            match self.peek() {
                Some(b) if b == expected => self.at += 1,
                Some(_) => return Err(ErrorKind::Syntax),
                None => return Err(ErrorKind::Eof),
            }
        }
        Ok(value)
    }

    fn enter(&mut self, depth: usize) -> Read<()> {
        if depth > self.max_depth {
            return Err(ErrorKind::TooDeep);
        }
        self.at += 1;
        Ok(())
    }

    fn array(&mut self, place: &Place<'_>, depth: usize) -> Read<Value> {
        self.enter(depth)?;
        let mut items = Vec::new();
        if self.next_token()? == b']' {
            self.at += 1;
            return Ok(Value::Array(items));
        }
        loop {
            let item = self.value(&Place::Index(place, items.len()), depth)?;
            items.push(item);
            match self.next_token()? {
                b',' => self.at += 1,
                b']' => {
                    self.at += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(ErrorKind::Syntax),
            }
        }
    }

    fn object(&mut self, place: &Place<'_>, depth: usize) -> Read<Value> {
        self.enter(depth)?;
        let mut map = Map::new();
        // Where each name starts, to point at a duplicate found once the object is read.
        let mut names_at = Vec::new();
        if self.next_token()? == b'}' {
            self.at += 1;
            return Ok(Value::Object(map));
        }
        loop {
            if self.next_token()? != b'"' {
                return Err(ErrorKind::Syntax);
            }
            if map.entries.len() == MAX_FIELDS {
                let path = place.path();
                return Err(ErrorKind::TooManyFields { path });
            }
            names_at.push(self.at);
            let key = self.string()?;
            if self.next_token()? != b':' {
                return Err(ErrorKind::Syntax);
            }
            self.at += 1;
            let value = self.value(&Place::Key(place, &key), depth)?;
            map.entries.push((key, value));
            match self.next_token()? {
                b',' => self.at += 1,
                b'}' => break,
                _ => return Err(ErrorKind::Syntax),
            }
        }
        if let Some(second) = self.repeated(&map.entries) {
            self.at = names_at[second];
            let path = Place::Key(place, &map.entries[second].0).path();
            return Err(ErrorKind::Duplicate { path });
        }
        self.at += 1;
        Ok(Value::Object(map))
    }

    /// The first field, in reading order, whose name an earlier field already has. The names are
    /// sorted and each compared with its neighbour: n log n comparisons, where comparing each name
    /// with all those before it took n² (131 s for 130,000 short names).
    fn repeated(&mut self, entries: &[(String, Value)]) -> Option<usize> {
        let comparisons = &mut self.comparisons;
        let order = merge_sort(entries.len(), &mut |a, b| {
            *comparisons += 1;
            entries[a].0 < entries[b].0
        });
        // The sort is stable, so equal names stand in reading order.
        order
            .windows(2)
            .filter(|pair| entries[pair[0]].0 == entries[pair[1]].0)
            .map(|pair| pair[1])
            .min()
    }

    /// Reads a string, the reader on its opening quote.
    fn string(&mut self) -> Read<String> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let run = self.at;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // The run stops on an ASCII byte or at the end: both are character boundaries.
            out.push_str(self.text.get(run..self.at).ok_or(ErrorKind::Syntax)?);
            match self.peek() {
                None => return Err(ErrorKind::Eof),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    let backslash = self.at;
                    self.at += 1;
                    match self.escape() {
                        Ok(c) => out.push(c),
                        // A wrong escape is shown where it starts, at its backslash.
                        Err(ErrorKind::Syntax) => {
                            self.at = backslash;
                            return Err(ErrorKind::Syntax);
                        }
                        Err(other) => return Err(other),
                    }
                }
                Some(_) => return Err(ErrorKind::Syntax),
            }
        }
    }

    /// Reads what follows a backslash.
    fn escape(&mut self) -> Read<char> {
        let b = self.peek().ok_or(ErrorKind::Eof)?;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                self.at += 1;
                return self.unicode();
            }
            _ => return Err(ErrorKind::Syntax),
        };
        self.at += 1;
        Ok(c)
    }

    /// Reads the four hex digits after `\u`, and the low half that must follow a high surrogate.
    fn unicode(&mut self) -> Read<char> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                for expected in [b'\\', b'u'] {
                    match self.peek() {
                        Some(b) if b == expected => self.at += 1,
                        Some(_) => return Err(ErrorKind::Syntax),
                        None => return Err(ErrorKind::Eof),
                    }
                }
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(ErrorKind::Syntax);
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(ErrorKind::Syntax),
            _ => first,
        };
        char::from_u32(code).ok_or(ErrorKind::Syntax)
    }

    fn hex4(&mut self) -> Read<u32> {
        let mut code = 0;
        for _ in 0..4 {
            let b = self.peek().ok_or(ErrorKind::Eof)?;
            let digit = char::from(b).to_digit(16).ok_or(ErrorKind::Syntax)?;
            code = code * 16 + digit;
            self.at += 1;
        }
        Ok(code)
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
        self.at - start
    }

    /// Reads a number as RFC 8259 writes it: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn number(&mut self) -> Read<Number> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        let int_start = self.at;
        match self.digits() {
            0 => return Err(self.missing_digit()),
            n if n > 1 && self.bytes[int_start] == b'0' => {
                self.at = int_start + 1;
                return Err(ErrorKind::Syntax);
            }
            _ => {}
        }
        let mut integer = true;
        if self.peek() == Some(b'.') {
            self.at += 1;
            integer = false;
            if self.digits() == 0 {
                return Err(self.missing_digit());
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            integer = false;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(self.missing_digit());
            }
        }
        let written = &self.text[start..self.at];
        Ok(
            match (integer, written.parse::<i64>(), written.parse::<u64>()) {
                (true, Ok(n), _) => Number::Int(n),
                (true, _, Ok(n)) => Number::Big(n),
                _ => Number::Other(written.to_owned()),
            },
        )
    }

    fn missing_digit(&self) -> ErrorKind {
        if self.at >= self.bytes.len() {
            ErrorKind::Eof
        } else {
            ErrorKind::Syntax
        }
    }
}

/// The indices `0..n` sorted by `less`, stably, by a bottom-up merge sort: at most n·⌈log₂ n⌉
/// comparisons, in a few hundred bytes of code where the standard library's sort adds four
/// kilobytes to the WebAssembly module (so the crate sorts nothing else with it). `less` is a trait
/// object so that every caller shares one copy of the code.
pub(crate) fn merge_sort(n: usize, less: &mut dyn FnMut(usize, usize) -> bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut merged = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut left, mut right) = (start, mid);
            for slot in &mut merged[start..end] {
                // Take from the right only when strictly less: equal items keep their order.
                if right < end && (left == mid || less(order[right], order[left])) {
                    *slot = order[right];
                    right += 1;
                } else {
                    *slot = order[left];
                    left += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    order
}

/// Writes `value` on one line, as `{"a":1,"b":[true,null]}`.
pub fn to_compact(value: &Value) -> String {
    let mut out = String::new();
    write(value, None, &mut out);
    out
}

/// Writes `value` indented by two spaces, one field or item a line, as `{\n  "a": 1\n}`.
pub fn to_pretty(value: &Value) -> String {
    let mut out = String::new();
    write(value, Some(0), &mut out);
    out
}

/// Writes `value`; `indent` is the current level when pretty, `None` when compact.
fn write(value: &Value, indent: Option<usize>, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(Number::Int(n)) => out.push_str(&n.to_string()),
        Value::Number(Number::Big(n)) => out.push_str(&n.to_string()),
        Value::Number(Number::Other(text)) => out.push_str(text),
        Value::String(text) => write_string(text, out),
        Value::Array(items) => write_list(b'[', b']', items.iter(), indent, out, write),
        Value::Object(map) => write_list(
            b'{',
            b'}',
            map.entries.iter(),
            indent,
            out,
            |(key, item), indent, out| {
                write_string(key, out);
                out.push_str(if indent.is_some() { ": " } else { ":" });
                write(item, indent, out);
            },
        ),
    }
}

fn write_list<T>(
    open: u8,
    close: u8,
    items: impl ExactSizeIterator<Item = T>,
    indent: Option<usize>,
    out: &mut String,
    each: impl Fn(T, Option<usize>, &mut String),
) {
    out.push(char::from(open));
    let empty = items.len() == 0;
    let inner = indent.map(|level| level + 1);
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push(',');
        }
        new_line(inner, out);
        each(item, inner, out);
    }
    if !empty {
        new_line(indent, out);
    }
    out.push(char::from(close));
}

fn new_line(indent: Option<usize>, out: &mut String) {
    if let Some(level) = indent {
        out.push('\n');
        for _ in 0..level {
            out.push_str("  ");
        }
    }
}

/// Writes a string with the escapes JSON requires: quote, backslash and control characters.
fn write_string(text: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                let code = u32::from(c) as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX[code >> 4]));
                out.push(char::from(HEX[code & 0xf]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

pub use crate::shape::Shape;

/// A value of the wrong type at some place: `field` is its dotted path, `found` what it is instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeError {
    pub field: String,
    pub expected: Shape,
    pub found: Found,
}

/// What a value of the wrong type is, to tell the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    Null,
    Bool,
    Integer,
    /// An integer written without point or exponent but beyond `i64` (either sign).
    LargeInteger,
    /// A number with a decimal point.
    Decimal,
    /// A number with an exponent (`1e0`) but no decimal point.
    Exponent,
    Text,
    List,
    Object,
}

impl Found {
    pub fn of(value: &Value) -> Found {
        match value {
            Value::Null => Found::Null,
            Value::Bool(_) => Found::Bool,
            Value::Number(Number::Int(_)) => Found::Integer,
            Value::Number(Number::Big(_)) => Found::LargeInteger,
            // The reader keeps only numbers written as RFC 8259 says, so a byte tells the kind.
            Value::Number(Number::Other(text)) if text.bytes().any(|b| b == b'.') => Found::Decimal,
            Value::Number(Number::Other(text)) if text.bytes().any(|b| b | 0x20 == b'e') => {
                Found::Exponent
            }
            Value::Number(Number::Other(_)) => Found::LargeInteger,
            Value::String(_) => Found::Text,
            Value::Array(_) => Found::List,
            Value::Object(_) => Found::Object,
        }
    }
}

/// What a typed reading gathers besides the value: the paths of the fields the types do not define,
/// and why it stopped, when it did.
#[derive(Debug, Default)]
pub struct Reading {
    pub unknown: Vec<String>,
    pub error: Option<TypeError>,
}

impl Reading {
    /// Records that the value at `place` is not of `expected` shape. Reading stops at the first
    /// such value, so there is only one.
    #[inline(never)]
    pub fn wrong(&mut self, place: &Place<'_>, expected: Shape, value: &Value) {
        self.error = Some(TypeError {
            field: place.path(),
            expected,
            found: Found::of(value),
        });
    }
}

/// A type read from and written to a JSON [`Value`] by hand (see [`json_object!`]).
pub trait Json: Sized {
    /// What the type looks like in JSON; for a struct, its fields in the order written.
    const SHAPE: Shape;

    fn to_json(&self) -> Value;

    /// What the browser reads of the value: [`Json::to_json`] less the fields its reader skips
    /// (`#[skipped]` in [`json_object!`]), which the interactive pages need not carry. Native only:
    /// the generator writes it, the module never does.
    #[cfg(not(target_arch = "wasm32"))]
    fn to_browser_json(&self) -> Value {
        self.to_json()
    }

    /// `None` when `value` does not have the type's shape, without saying why: for what this
    /// program wrote itself (the edition, the report). A leaf type implements only this, and
    /// [`Json::read`] explains its refusals from its shape.
    fn from_json(value: &Value) -> Option<Self>;

    /// Reads `value`, found at `place`. A value of the wrong type gives `None`, with the error (the
    /// field's dotted path, what it should be and what it is) in `reading`; the paths of fields the
    /// type does not define are added to `reading.unknown`.
    fn read(value: &Value, place: &Place<'_>, reading: &mut Reading) -> Option<Self> {
        let read = Self::from_json(value);
        if read.is_none() {
            reading.wrong(place, Self::SHAPE, value);
        }
        read
    }
}

impl Json for String {
    const SHAPE: Shape = Shape::Text;

    fn to_json(&self) -> Value {
        Value::String(self.clone())
    }

    fn from_json(value: &Value) -> Option<Self> {
        value.as_str().map(str::to_owned)
    }
}

impl Json for bool {
    const SHAPE: Shape = Shape::Bool;

    fn to_json(&self) -> Value {
        Value::Bool(*self)
    }

    fn from_json(value: &Value) -> Option<Self> {
        match value {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
}

macro_rules! json_integer {
    ($($ty:ty),*) => {$(
        impl Json for $ty {
            const SHAPE: Shape = Shape::Integer;

            fn to_json(&self) -> Value {
                Value::Number(Number::Int(i64::try_from(*self).unwrap_or(i64::MAX)))
            }

            fn from_json(value: &Value) -> Option<Self> {
                <$ty>::try_from(value.as_i64()?).ok()
            }
        }
    )*};
}

json_integer!(i64, i32, i16, u8, u32, usize);

impl<T: Json> Json for Option<T> {
    const SHAPE: Shape = Shape::Optional(&T::SHAPE);

    fn to_json(&self) -> Value {
        self.as_ref().map_or(Value::Null, Json::to_json)
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn to_browser_json(&self) -> Value {
        self.as_ref().map_or(Value::Null, Json::to_browser_json)
    }

    fn from_json(value: &Value) -> Option<Self> {
        match value {
            Value::Null => Some(None),
            other => T::from_json(other).map(Some),
        }
    }

    fn read(value: &Value, place: &Place<'_>, reading: &mut Reading) -> Option<Self> {
        if value.is_null() {
            return Some(None);
        }
        let read = T::read(value, place, reading);
        if read.is_none() && !matches!(T::SHAPE, Shape::Object(_) | Shape::List(_)) {
            // The wrong value is this one, not one inside it: `null` would have done too.
            reading.wrong(place, Self::SHAPE, value);
        }
        read.map(Some)
    }
}

impl<T: Json> Json for Vec<T> {
    const SHAPE: Shape = Shape::List(&T::SHAPE);

    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(Json::to_json).collect())
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn to_browser_json(&self) -> Value {
        Value::Array(self.iter().map(Json::to_browser_json).collect())
    }

    fn from_json(value: &Value) -> Option<Self> {
        match value {
            Value::Array(items) => items.iter().map(T::from_json).collect(),
            _ => None,
        }
    }

    fn read(value: &Value, place: &Place<'_>, reading: &mut Reading) -> Option<Self> {
        let Value::Array(items) = value else {
            reading.wrong(place, Self::SHAPE, value);
            return None;
        };
        // A plain loop: collecting an iterator of options costs more code in the module.
        let mut read = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            read.push(T::read(item, &Place::Index(place, i), reading)?);
        }
        Some(read)
    }
}

/// Implements [`Json`] for a struct, its fields written in the order listed, which must be the
/// order of the struct (so the text matches what serde writes; [`json_struct!`] lists them once).
/// The shape lists the fields with their types' shapes, each found from the field itself, so it
/// cannot disagree with the struct.
///
/// `default` (the dossier, which people write) reads a missing or `null` field as its type's
/// default, as `#[serde(default)]` does, and explains a wrong type by its path ([`Json::read`]).
/// `required` (the edition and the report, which this program writes) refuses an object that lacks
/// a field, and only says whether it reads: the browser needs no more, and is spared the code.
/// There a field marked `#[skipped]` is written like the others but never read (left at its
/// default): a part that only the generator uses costs the browser module no reader, and the
/// pages do not carry it ([`Json::to_browser_json`]).
macro_rules! json_object {
    (default $ty:ident { $($field:ident),* $(,)? }) => {
        $crate::json::json_object!(@common $ty { $($field),* });

        impl $crate::json::Json for $ty {
            const SHAPE: $crate::json::Shape = <$ty>::FIELDS;

            fn to_json(&self) -> $crate::json::Value {
                self.fields_to_json()
            }

            fn from_json(value: &$crate::json::Value) -> Option<Self> {
                Self::read(value, &$crate::json::Place::Root, &mut Default::default())
            }

            fn read(
                value: &$crate::json::Value,
                place: &$crate::json::Place<'_>,
                reading: &mut $crate::json::Reading,
            ) -> Option<Self> {
                let map = $crate::json::fields(value, place, Self::SHAPE, reading)?;
                Some($ty {
                    $($field: $crate::json::default(map, stringify!($field), place, reading)?),*
                })
            }
        }
    };
    (required $ty:ident { $($(#[$skipped:ident])? $field:ident),* $(,)? }) => {
        $crate::json::json_object!(@common $ty { $($field),* });

        impl $crate::json::Json for $ty {
            const SHAPE: $crate::json::Shape = <$ty>::FIELDS;

            fn to_json(&self) -> $crate::json::Value {
                self.fields_to_json()
            }

            #[cfg(not(target_arch = "wasm32"))]
            fn to_browser_json(&self) -> $crate::json::Value {
                let fields = [$($crate::json::json_object!(@browser self $field $($skipped)?)),*];
                $crate::json::object(fields.into_iter().flatten().collect())
            }

            fn from_json(value: &$crate::json::Value) -> Option<Self> {
                let $crate::json::Value::Object(map) = value else {
                    return None;
                };
                Some($ty {
                    $($field: $crate::json::json_object!(@read map $field $($skipped)?)),*
                })
            }
        }
    };
    (@read $map:ident $field:ident) => {
        $crate::json::required($map, stringify!($field))?
    };
    (@read $map:ident $field:ident skipped) => {
        Default::default()
    };
    (@browser $self:ident $field:ident) => {
        Some((stringify!($field), $crate::json::Json::to_browser_json(&$self.$field)))
    };
    (@browser $self:ident $field:ident skipped) => {
        None
    };
    (@common $ty:ident { $($field:ident),* }) => {
        impl $ty {
            const FIELDS: $crate::json::Shape = $crate::json::Shape::Object(&[
                $((stringify!($field), $crate::json::shape_of(|s: &$ty| &s.$field))),*
            ]);

            fn fields_to_json(&self) -> $crate::json::Value {
                $crate::json::object(vec![
                    $((stringify!($field), $crate::json::Json::to_json(&self.$field))),*
                ])
            }
        }
    };
}

/// Defines a struct and implements [`Json`] for it with [`json_object!`], so that its fields are
/// listed once: their names, order, types and documentation make the Rust type, the JSON reading
/// and writing, and the shape. The struct also derives serde (for native tools and tests) and,
/// with the `schema` feature, schemars (the published JSON Schema); the caller's attributes follow.
/// A `section` (every part of the dossier below its top level) defaults every field, for serde and
/// for [`json_object!`] alike, so that a partial draft reads.
macro_rules! json_struct {
    (section $(#[$meta:meta])* pub struct $($rest:tt)*) => {
        $crate::json::json_struct!(
            default #[derive(Default)] #[serde(default)] $(#[$meta])* pub struct $($rest)*
        );
    };
    (
        $mode:ident
        $(#[$meta:meta])*
        pub struct $ty:ident {
            $($(#[$field_meta:meta])* pub $field:ident: $field_ty:ty),* $(,)?
        }
    ) => {
        #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        $(#[$meta])*
        pub struct $ty {
            $($(#[$field_meta])* pub $field: $field_ty),*
        }

        $crate::json::json_object!($mode $ty { $($field),* });
    };
}

// The helpers the macros call are kept out of line: one copy per field type instead of one per
// field keeps the module smaller.

/// The shape of the field that `field` picks out of a struct (the macro passes `|s| &s.name`, so
/// the type comes from the struct itself).
pub const fn shape_of<S, T: Json>(_field: fn(&S) -> &T) -> Shape {
    T::SHAPE
}

/// An object with `fields`, whose names are distinct.
#[inline(never)]
pub fn object(fields: Vec<(&'static str, Value)>) -> Value {
    Value::Object(Map {
        entries: fields
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value))
            .collect(),
    })
}

/// `value` as an object of `shape`, the paths of the fields `shape` does not define added to
/// `reading.unknown`; `None` when `value` is no object.
#[inline(never)]
pub fn fields<'v>(
    value: &'v Value,
    place: &Place<'_>,
    shape: Shape,
    reading: &mut Reading,
) -> Option<&'v Map> {
    let Value::Object(map) = value else {
        reading.wrong(place, shape, value);
        return None;
    };
    for (name, _) in map.iter() {
        if shape.field(name).is_none() {
            reading.unknown.push(Place::Key(place, name).path());
        }
    }
    Some(map)
}

/// The field `name` of `map` read as a `T`; `None` when it is missing or of another type.
#[inline(never)]
pub fn required<T: Json>(map: &Map, name: &str) -> Option<T> {
    T::from_json(map.get(name)?)
}

/// The field `name` of `map` read as a `T`, its default when missing or `null` (so that a `null`
/// reads as an empty field); `None` when of another type.
#[inline(never)]
pub fn default<T: Json + Default>(
    map: &Map,
    name: &str,
    place: &Place<'_>,
    reading: &mut Reading,
) -> Option<T> {
    match given(map, name) {
        None => Some(T::default()),
        Some(value) => T::read(value, &Place::Key(place, name), reading),
    }
}

/// The field `name` of `map`, `None` when it is missing or `null`.
#[inline(never)]
fn given<'m>(map: &'m Map, name: &str) -> Option<&'m Value> {
    map.get(name).filter(|value| !value.is_null())
}

pub(crate) use json_object;
pub(crate) use json_struct;

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> (ErrorKind, usize, usize) {
        let e = parse(text, 64).expect_err("refused");
        (e.kind, e.line, e.column)
    }

    #[test]
    fn reads_every_kind_of_value() {
        let value = parse(
            " {\"a\": [1, -2, 9223372036854775808, 1.5e3, true, false, null],\n \"b\": \"x\\u00e9\\n\\ud83d\\ude00\", \"c\": {}} ",
            64,
        )
        .expect("JSON");
        let a = value.get("a").expect("a");
        assert_eq!(
            a,
            &Value::Array(vec![
                Value::from(1),
                Value::from(-2),
                Value::Number(Number::Big(9_223_372_036_854_775_808)),
                Value::Number(Number::Other("1.5e3".into())),
                Value::Bool(true),
                Value::Bool(false),
                Value::Null,
            ])
        );
        assert_eq!(value.get("b").and_then(Value::as_str), Some("xé\n😀"));
        assert_eq!(value.get("c"), Some(&Value::Object(Map::new())));
    }

    #[test]
    fn refuses_what_is_not_json_at_the_offending_character() {
        assert_eq!(error(""), (ErrorKind::Eof, 1, 1));
        assert_eq!(error("{\"a\": tru"), (ErrorKind::Eof, 1, 10));
        assert_eq!(error("{\"a\": trux}"), (ErrorKind::Syntax, 1, 10));
        assert_eq!(error("{\n  \"é\": 01}"), (ErrorKind::Syntax, 2, 9));
        assert_eq!(error("[1,]"), (ErrorKind::Syntax, 1, 4));
        assert_eq!(error("{\"a\" 1}"), (ErrorKind::Syntax, 1, 6));
        assert_eq!(error("{'a': 1}"), (ErrorKind::Syntax, 1, 2));
        assert_eq!(error("[\"a\u{1}\"]"), (ErrorKind::Syntax, 1, 4));
        assert_eq!(error("[\"\\ud800\"]"), (ErrorKind::Syntax, 1, 3));
        assert_eq!(error("[\"\\udc00\"]"), (ErrorKind::Syntax, 1, 3));
        assert_eq!(error("[\"\\x\"]"), (ErrorKind::Syntax, 1, 3));
        assert_eq!(error("[\"\\u12\"]"), (ErrorKind::Syntax, 1, 3));
        assert_eq!(error("[1.]"), (ErrorKind::Syntax, 1, 4));
        assert_eq!(error("[-]"), (ErrorKind::Syntax, 1, 3));
        assert_eq!(error("[1e+]"), (ErrorKind::Syntax, 1, 5));
        assert_eq!(error("{} {}"), (ErrorKind::Syntax, 1, 4));
        assert_eq!(error("[NaN]"), (ErrorKind::Syntax, 1, 2));
        assert_eq!(error("\u{feff}{}"), (ErrorKind::Syntax, 1, 1));
    }

    #[test]
    fn a_field_named_twice_is_refused_at_its_second_name() {
        let text = "{\"a\": [{}, {\"b\": 1,\n   \"b\": 2}]}";
        assert_eq!(
            error(text),
            (
                ErrorKind::Duplicate {
                    path: "a[1].b".into()
                },
                2,
                4
            )
        );
    }

    /// The `i`-th of the short names `0`, `1`, … `Z`, `10`, … (base 62, at most 3 characters for
    /// the 130,719 names of the issue).
    fn name(mut i: usize) -> String {
        const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        let mut out = vec![DIGITS[i % 62]];
        while i >= 62 {
            i /= 62;
            out.insert(0, DIGITS[i % 62]);
        }
        String::from_utf8(out).expect("ASCII")
    }

    /// An object of `n` distinct short names (`{"0":0,"1":0,…}`), then `extra` fields.
    fn object_of(n: usize, extra: &str) -> String {
        let names: Vec<String> = (0..n).map(|i| format!("\"{}\":0", name(i))).collect();
        format!("{{{}{extra}}}", names.join(","))
    }

    /// Issue 13, point 5: finding a name given twice costs n log n comparisons, not n². The bound is
    /// on the work done (comparisons counted by the reader), never on time.
    #[test]
    fn duplicate_names_are_found_in_n_log_n_comparisons() {
        let n = MAX_FIELDS;
        let log2 = usize::BITS - (n - 1).leading_zeros();
        let bound = n * log2 as usize;
        let (read, comparisons) = parse_counted(&object_of(n, ""), 64);
        assert!(read.is_ok());
        assert!(
            comparisons <= bound,
            "{comparisons} comparisons for {n} names"
        );
        // Comparing each name with those before it made n(n-1)/2: 50 million here.
        assert!(comparisons * 300 < n * (n - 1) / 2, "{comparisons}");
        let again = format!(",\"{}\":1", name(123));
        let (read, comparisons) = parse_counted(&object_of(n - 1, &again), 64);
        assert_eq!(
            read.map_err(|e| e.kind),
            Err(ErrorKind::Duplicate { path: name(123) })
        );
        assert!(comparisons <= bound, "{comparisons}");
    }

    #[test]
    fn a_name_given_twice_is_the_second_in_reading_order() {
        let text = r#"{"b": 1, "a": 2, "c": 3, "a": 4, "b": 5}"#;
        assert_eq!(
            error(text),
            (ErrorKind::Duplicate { path: "a".into() }, 1, 26)
        );
    }

    /// No dossier has more than a few dozen fields in an object: 130,719 short names (under 1 MiB)
    /// are refused at the first name beyond the bound, before any comparison.
    #[test]
    fn objects_are_bounded_in_fields() {
        let forged = object_of(130_719, "");
        assert!(forged.len() < 1 << 20);
        let (read, comparisons) = parse_counted(&forged, 64);
        let at = forged
            .find(&format!("\"{}\"", name(MAX_FIELDS)))
            .expect("the name")
            + 1;
        assert_eq!(
            read.map_err(|e| (e.kind, e.column)),
            Err((
                ErrorKind::TooManyFields {
                    path: String::new()
                },
                at
            ))
        );
        assert_eq!(comparisons, 0);
        assert!(parse(&object_of(MAX_FIELDS, ""), 64).is_ok());
        let nested = format!("{{\"a\": [{}]}}", object_of(MAX_FIELDS + 1, ""));
        assert_eq!(
            parse(&nested, 64).map_err(|e| e.kind),
            Err(ErrorKind::TooManyFields {
                path: "a[0]".into()
            })
        );
    }

    #[test]
    fn nesting_is_bounded_without_recursing_further() {
        assert!(parse(&"[".repeat(3), 3).is_err());
        assert!(parse("[[[]]]", 3).is_ok());
        assert_eq!(
            parse("[[[[]]]]", 3).map_err(|e| (e.kind, e.column)),
            Err((ErrorKind::TooDeep, 4))
        );
        let deep = "[".repeat(100_000);
        assert_eq!(
            parse(&deep, 64).map_err(|e| e.kind),
            Err(ErrorKind::TooDeep)
        );
    }

    #[test]
    fn writes_compact_and_pretty() {
        let value = parse(
            r#"{"a": [1, {"b": null}], "e": [], "o": {}, "s": "\"\\\n\u0001é/"}"#,
            64,
        )
        .expect("JSON");
        assert_eq!(
            to_compact(&value),
            r#"{"a":[1,{"b":null}],"e":[],"o":{},"s":"\"\\\n\u0001é/"}"#
        );
        assert_eq!(
            to_pretty(&value),
            "{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"e\": [],\n  \"o\": {},\n  \"s\": \"\\\"\\\\\\n\\u0001é/\"\n}"
        );
    }

    #[test]
    fn maps_keep_their_order_and_each_name_once() {
        let mut map = Map::new();
        map.insert("z", Value::from(1));
        map.insert("a", Value::from(2));
        map.insert("z", Value::from(3));
        assert_eq!(to_compact(&Value::Object(map.clone())), r#"{"z":3,"a":2}"#);
        assert_eq!(map.remove("z"), Some(Value::from(3)));
        assert_eq!(map.len(), 1);
    }

    /// serde_json is the reference reader: any text it reads, this reader reads to the same tree
    /// (compared through the compact writing of both), and any text it refuses, this one refuses.
    #[cfg(not(target_arch = "wasm32"))]
    mod against_serde_json {
        use super::super::*;
        use proptest::prelude::*;

        fn agree(text: &str) -> Result<(), TestCaseError> {
            let ours = parse(text, 128);
            let theirs = serde_json::from_str::<serde_json::Value>(text);
            match (&ours, &theirs) {
                (Ok(ours), Ok(theirs)) => {
                    // serde_json turns a decimal or a huge integer into a float; this reader keeps it.
                    if !has_other(ours) {
                        let theirs = serde_json::to_string(theirs).expect("JSON");
                        let ours: serde_json::Value =
                            serde_json::from_str(&to_compact(ours)).expect("ours is JSON");
                        prop_assert_eq!(serde_json::to_string(&ours).expect("JSON"), theirs);
                    }
                }
                (Err(_), Err(_)) => {}
                // serde_json refuses a number beyond f64 (`1e400`); this reader keeps it as written.
                (Ok(ours), Err(e)) if has_other(ours) && e.to_string().contains("out of range") => {
                }
                // serde_json keeps the last of two equal names; this reader refuses them.
                (Err(e), Ok(_)) if matches!(e.kind, ErrorKind::Duplicate { .. }) => {}
                _ => prop_assert!(false, "{text:?}: ours {ours:?}, serde_json {theirs:?}"),
            }
            Ok(())
        }

        proptest! {
            #[test]
            fn random_json_like_text(text in "[\\[\\]{}\",:0-9a-z\\\\ .eE+-]{0,40}") {
                agree(&text)?;
            }

            #[test]
            fn random_values_written_then_read(
                value in arb_value(),
            ) {
                let compact = to_compact(&value);
                prop_assert_eq!(parse(&compact, 128), Ok(value.clone()));
                prop_assert_eq!(parse(&to_pretty(&value), 128), Ok(value.clone()));
                let theirs: serde_json::Value = serde_json::from_str(&compact).expect("serde_json reads it");
                prop_assert_eq!(serde_json::to_string(&theirs).expect("JSON"), compact.clone());
                prop_assert_eq!(
                    serde_json::to_string_pretty(&theirs).expect("JSON"),
                    to_pretty(&value)
                );
            }
        }

        fn has_other(value: &Value) -> bool {
            match value {
                Value::Number(Number::Other(_)) => true,
                Value::Array(items) => items.iter().any(has_other),
                Value::Object(map) => map.iter().any(|(_, v)| has_other(v)),
                _ => false,
            }
        }

        fn arb_value() -> impl Strategy<Value = Value> {
            let leaf = prop_oneof![
                Just(Value::Null),
                any::<bool>().prop_map(Value::Bool),
                any::<i64>().prop_map(Value::from),
                "\\PC{0,8}|[\\x00-\\x1f\"\\\\]{0,4}".prop_map(Value::String),
            ];
            leaf.prop_recursive(4, 32, 4, |inner| {
                prop_oneof![
                    proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                    // serde_json's map sorts its keys: sorted, distinct names compare alike.
                    proptest::collection::btree_map("[a-z]{1,3}", inner, 0..4)
                        .prop_map(|m| Value::Object(m.into_iter().collect())),
                ]
            })
        }
    }
}
