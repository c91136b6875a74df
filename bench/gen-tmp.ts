import { cachedBook } from './books';
const n = Number(process.argv[2]);
cachedBook(n).then((r) => console.log(n, r));
