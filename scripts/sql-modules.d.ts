/** SQL files are bundled as text so a probe's query ships inside the binary. */
declare module '*.sql' {
  const text: string;
  export default text;
}
