// The word lists of `stopword` (it ships no types).
declare module "stopword" {
  export const eng: string[];
  export const spa: string[];
}
