// Eval functions (eval, where, fieldformat, stats `eval(...)`), as data. `maxArgs` undefined
// means any number. Descriptions are written for this project.

export type EvalCategory =
  | 'comparison'
  | 'conversion'
  | 'crypto'
  | 'datetime'
  | 'informational'
  | 'json'
  | 'math'
  | 'multivalue'
  | 'statistical'
  | 'text'
  | 'trig';

export interface EvalFunctionInfo {
  name: string;
  signature: string;
  minArgs: number;
  maxArgs?: number;
  category: EvalCategory;
  description: string;
}

const f = (name: string, signature: string, minArgs: number, maxArgs: number | undefined, category: EvalCategory, description: string): EvalFunctionInfo => ({
  name,
  signature,
  minArgs,
  maxArgs,
  category,
  description,
});

export const EVAL_FUNCTIONS: readonly EvalFunctionInfo[] = [
  // comparison and conditional
  f('if', 'if(<predicate>, <then>, <else>)', 3, 3, 'comparison', 'Returns the second argument when the predicate is true, otherwise the third.'),
  f('case', 'case(<predicate>, <value>, ...)', 2, undefined, 'comparison', 'Returns the value paired with the first true predicate; null when none is true. Use true() as a default.'),
  f('coalesce', 'coalesce(<value>, ...)', 1, undefined, 'comparison', 'Returns the first argument that is not null.'),
  f('nullif', 'nullif(<a>, <b>)', 2, 2, 'comparison', 'Returns null when both arguments are equal, otherwise the first.'),
  f('validate', 'validate(<predicate>, <message>, ...)', 2, undefined, 'comparison', 'Returns the message paired with the first false predicate; null when all hold.'),
  f('like', 'like(<text>, <pattern>)', 2, 2, 'comparison', 'True when the text matches a SQL LIKE pattern (% any run of characters, _ one character).'),
  f('match', 'match(<text>, <regex>)', 2, 2, 'comparison', 'True when the regular expression matches somewhere in the text.'),
  f('cidrmatch', 'cidrmatch(<cidr>, <ip>)', 2, 2, 'comparison', 'True when the IP address lies in the CIDR subnet.'),
  f('searchmatch', 'searchmatch(<search-string>)', 1, 1, 'comparison', 'True when the event matches a search clause given as a string.'),
  f('in', 'in(<value>, <candidate>, ...)', 2, undefined, 'comparison', 'True when the value equals one of the candidates.'),
  f('true', 'true()', 0, 0, 'comparison', 'The boolean true; handy as the last predicate of case().'),
  f('false', 'false()', 0, 0, 'comparison', 'The boolean false.'),
  f('null', 'null()', 0, 0, 'comparison', 'The null value; assigning it removes the field.'),
  // informational
  f('isnull', 'isnull(<value>)', 1, 1, 'informational', 'True when the value is null (the field is missing).'),
  f('isnotnull', 'isnotnull(<value>)', 1, 1, 'informational', 'True when the value is not null.'),
  f('isnum', 'isnum(<value>)', 1, 1, 'informational', 'True when the value is a number.'),
  f('isint', 'isint(<value>)', 1, 1, 'informational', 'True when the value is an integer.'),
  f('isstr', 'isstr(<value>)', 1, 1, 'informational', 'True when the value is a string.'),
  f('isbool', 'isbool(<value>)', 1, 1, 'informational', 'True when the value is a boolean.'),
  f('typeof', 'typeof(<value>)', 1, 1, 'informational', 'Name of the type of the value: Number, String, Boolean, Invalid or Null.'),
  // conversion
  f('tonumber', 'tonumber(<text>[, <base>])', 1, 2, 'conversion', 'Converts text to a number, optionally in base 2 to 36; null when it is not a number.'),
  f('tostring', 'tostring(<value>[, "hex"|"commas"|"duration"])', 1, 2, 'conversion', 'Converts a value to text, optionally as hexadecimal, with thousands separators or as a duration.'),
  f('printf', 'printf(<format>, <value>, ...)', 1, undefined, 'conversion', 'Formats values with a C-style format string.'),
  f('ipmask', 'ipmask(<mask>, <ip>)', 2, 2, 'conversion', 'Applies a dotted netmask to an IPv4 address.'),
  f('object_to_array', 'object_to_array(<object>[, <key-label>, <value-label>])', 1, 3, 'conversion', 'Turns a JSON object into an array of key/value objects.'),
  // text
  f('len', 'len(<text>)', 1, 1, 'text', 'Number of characters in the text.'),
  f('lower', 'lower(<text>)', 1, 1, 'text', 'The text in lowercase.'),
  f('upper', 'upper(<text>)', 1, 1, 'text', 'The text in uppercase.'),
  f('trim', 'trim(<text>[, <chars>])', 1, 2, 'text', 'Removes the characters (spaces and tabs by default) from both ends.'),
  f('ltrim', 'ltrim(<text>[, <chars>])', 1, 2, 'text', 'Removes the characters (spaces and tabs by default) from the start.'),
  f('rtrim', 'rtrim(<text>[, <chars>])', 1, 2, 'text', 'Removes the characters (spaces and tabs by default) from the end.'),
  f('replace', 'replace(<text>, <regex>, <replacement>)', 3, 3, 'text', 'Replaces every regex match; \\1 … refer to capture groups.'),
  f('substr', 'substr(<text>, <start>[, <length>])', 2, 3, 'text', 'Part of the text from a 1-based start (negative counts from the end).'),
  f('split', 'split(<text>, <delimiter>)', 2, 2, 'text', 'Splits the text at each delimiter into a multivalue result.'),
  f('urldecode', 'urldecode(<url>)', 1, 1, 'text', 'Decodes %XX escapes in a URL.'),
  f('spath', 'spath(<json-or-xml>, <path>)', 2, 2, 'text', 'Value at a path inside JSON or XML text.'),
  f('strcat', 'strcat(<text>, ...)', 1, undefined, 'text', 'Concatenation of the arguments.'),
  // math
  f('abs', 'abs(<number>)', 1, 1, 'math', 'Absolute value.'),
  f('ceiling', 'ceiling(<number>)', 1, 1, 'math', 'Smallest integer not below the number.'),
  f('ceil', 'ceil(<number>)', 1, 1, 'math', 'Same as ceiling().'),
  f('floor', 'floor(<number>)', 1, 1, 'math', 'Largest integer not above the number.'),
  f('round', 'round(<number>[, <decimals>])', 1, 2, 'math', 'Rounds to the given number of decimals (0 by default).'),
  f('sigfig', 'sigfig(<number>)', 1, 1, 'math', 'Rounds to the significant figures implied by the operands.'),
  f('sqrt', 'sqrt(<number>)', 1, 1, 'math', 'Square root.'),
  f('pow', 'pow(<base>, <exponent>)', 2, 2, 'math', 'The base raised to the exponent.'),
  f('exp', 'exp(<number>)', 1, 1, 'math', 'e raised to the number.'),
  f('ln', 'ln(<number>)', 1, 1, 'math', 'Natural logarithm.'),
  f('log', 'log(<number>[, <base>])', 1, 2, 'math', 'Logarithm, base 10 by default.'),
  f('pi', 'pi()', 0, 0, 'math', 'The constant π.'),
  f('exact', 'exact(<expression>)', 1, 1, 'math', 'Evaluates with full floating-point precision.'),
  f('random', 'random()', 0, 0, 'math', 'A pseudo-random integer between 0 and 2^31-1.'),
  f('bit_and', 'bit_and(<a>, <b>, ...)', 2, undefined, 'math', 'Bitwise AND.'),
  f('bit_or', 'bit_or(<a>, <b>, ...)', 2, undefined, 'math', 'Bitwise OR.'),
  f('bit_xor', 'bit_xor(<a>, <b>, ...)', 2, undefined, 'math', 'Bitwise exclusive OR.'),
  f('bit_not', 'bit_not(<a>[, <bits>])', 1, 2, 'math', 'Bitwise complement.'),
  f('bit_shift_left', 'bit_shift_left(<a>, <n>)', 2, 2, 'math', 'Shifts the bits left by n.'),
  f('bit_shift_right', 'bit_shift_right(<a>, <n>)', 2, 2, 'math', 'Shifts the bits right by n.'),
  // statistical
  f('max', 'max(<value>, ...)', 1, undefined, 'statistical', 'Largest argument (numbers before strings).'),
  f('min', 'min(<value>, ...)', 1, undefined, 'statistical', 'Smallest argument (numbers before strings).'),
  f('avg', 'avg(<value>, ...)', 1, undefined, 'statistical', 'Average of the numeric arguments.'),
  f('sum', 'sum(<value>, ...)', 1, undefined, 'statistical', 'Sum of the numeric arguments.'),
  // multivalue
  f('mvcount', 'mvcount(<mv>)', 1, 1, 'multivalue', 'Number of values; null when the field is missing.'),
  f('mvindex', 'mvindex(<mv>, <start>[, <end>])', 2, 3, 'multivalue', 'The value at a 0-based index, or the values from start to end inclusive; negative indexes count from the end.'),
  f('mvfind', 'mvfind(<mv>, <regex>)', 2, 2, 'multivalue', 'Index of the first value matching the regex; null when none does.'),
  f('mvfilter', 'mvfilter(<predicate>)', 1, 1, 'multivalue', 'The values of the one field used in the predicate for which the predicate holds.'),
  f('mvjoin', 'mvjoin(<mv>, <delimiter>)', 2, 2, 'multivalue', 'Joins the values into one text with the delimiter.'),
  f('mvappend', 'mvappend(<value>, ...)', 1, undefined, 'multivalue', 'A multivalue result of all values of all arguments, in order.'),
  f('mvdedup', 'mvdedup(<mv>)', 1, 1, 'multivalue', 'The values with duplicates removed, first occurrence kept.'),
  f('mvsort', 'mvsort(<mv>)', 1, 1, 'multivalue', 'The values sorted lexicographically.'),
  f('mvrange', 'mvrange(<start>, <end>[, <step>])', 2, 3, 'multivalue', 'Numbers from start up to (not including) end, by step.'),
  f('mvzip', 'mvzip(<mv-a>, <mv-b>[, <delimiter>])', 2, 3, 'multivalue', 'Pairs values position by position, joined by the delimiter (comma by default).'),
  f('mvmap', 'mvmap(<mv>, <expression>)', 2, 2, 'multivalue', 'Applies an expression to each value of a multivalue field.'),
  f('mv_to_json_array', 'mv_to_json_array(<mv>[, <infer-types>])', 1, 2, 'multivalue', 'The values as a JSON array.'),
  // date and time
  f('now', 'now()', 0, 0, 'datetime', 'The time the search started, as epoch seconds.'),
  f('time', 'time()', 0, 0, 'datetime', 'The wall-clock time when the function runs, as epoch seconds with microseconds.'),
  f('relative_time', 'relative_time(<epoch>, <modifier>)', 2, 2, 'datetime', 'Applies a relative time modifier such as "-1d@d" to an epoch time.'),
  f('strftime', 'strftime(<epoch>, <format>)', 2, 2, 'datetime', 'Formats an epoch time with a strftime format.'),
  f('strptime', 'strptime(<text>, <format>)', 2, 2, 'datetime', 'Parses text with a strptime format into epoch seconds.'),
  // crypto
  f('md5', 'md5(<text>)', 1, 1, 'crypto', 'MD5 digest of the text, in hexadecimal.'),
  f('sha1', 'sha1(<text>)', 1, 1, 'crypto', 'SHA-1 digest of the text, in hexadecimal.'),
  f('sha256', 'sha256(<text>)', 1, 1, 'crypto', 'SHA-256 digest of the text, in hexadecimal.'),
  f('sha512', 'sha512(<text>)', 1, 1, 'crypto', 'SHA-512 digest of the text, in hexadecimal.'),
  // json
  f('json_object', 'json_object(<key>, <value>, ...)', 0, undefined, 'json', 'Builds a JSON object from key/value pairs.'),
  f('json_array', 'json_array(<value>, ...)', 0, undefined, 'json', 'Builds a JSON array.'),
  f('json_extract', 'json_extract(<json>[, <path>, ...])', 1, undefined, 'json', 'Values at paths inside JSON text (the whole document without a path).'),
  f('json_extract_exact', 'json_extract_exact(<json>[, <key>, ...])', 1, undefined, 'json', 'Like json_extract but keys are taken literally, not as paths.'),
  f('json_keys', 'json_keys(<json>)', 1, 1, 'json', 'The top-level keys of a JSON object, as a JSON array.'),
  f('json_set', 'json_set(<json>, <path>, <value>, ...)', 3, undefined, 'json', 'JSON text with values set at paths.'),
  f('json_valid', 'json_valid(<text>)', 1, 1, 'json', 'True when the text is valid JSON.'),
  f('json_array_to_mv', 'json_array_to_mv(<json-array>[, <keep-quotes>])', 1, 2, 'json', 'A JSON array as a multivalue field.'),
  f('json_append', 'json_append(<json>, <path>, <value>, ...)', 3, undefined, 'json', 'Appends values to arrays at paths.'),
  f('json_extend', 'json_extend(<json>, <path>, <array>, ...)', 3, undefined, 'json', 'Extends arrays at paths with the elements of other arrays.'),
  f('json_delete', 'json_delete(<json>, <path>, ...)', 2, undefined, 'json', 'JSON text with the values at paths removed.'),
  // trigonometry
  f('acos', 'acos(<x>)', 1, 1, 'trig', 'Arc cosine, in radians.'),
  f('asin', 'asin(<x>)', 1, 1, 'trig', 'Arc sine, in radians.'),
  f('atan', 'atan(<x>)', 1, 1, 'trig', 'Arc tangent, in radians.'),
  f('atan2', 'atan2(<y>, <x>)', 2, 2, 'trig', 'Angle of the point (x, y), in radians.'),
  f('cos', 'cos(<radians>)', 1, 1, 'trig', 'Cosine.'),
  f('sin', 'sin(<radians>)', 1, 1, 'trig', 'Sine.'),
  f('tan', 'tan(<radians>)', 1, 1, 'trig', 'Tangent.'),
  f('cosh', 'cosh(<x>)', 1, 1, 'trig', 'Hyperbolic cosine.'),
  f('sinh', 'sinh(<x>)', 1, 1, 'trig', 'Hyperbolic sine.'),
  f('tanh', 'tanh(<x>)', 1, 1, 'trig', 'Hyperbolic tangent.'),
  f('hypot', 'hypot(<x>, <y>)', 2, 2, 'trig', 'Length of the hypotenuse, sqrt(x² + y²).'),
];

const BY_NAME = new Map<string, EvalFunctionInfo>();
for (const fn of EVAL_FUNCTIONS) if (!BY_NAME.has(fn.name)) BY_NAME.set(fn.name, fn);

/** Catalog entry of an eval function (case-insensitive). */
export function findEvalFunction(name: string): EvalFunctionInfo | undefined {
  return BY_NAME.get(name.toLowerCase());
}

export function evalFunctionNames(): string[] {
  return [...BY_NAME.keys()];
}
